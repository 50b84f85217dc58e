package io.memreplay.ingest.imports.compression;

import java.io.IOException;

/**
 * A compressed input file cannot be decompressed to its end: it is corrupt or was cut short (a copy that did
 * not finish, a recorder that was killed). The message names the file and the compression.
 */
public final class CorruptInputException extends IOException {
  private static final long serialVersionUID = 1L;

  CorruptInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
