package io.memreplay.ingest.imports;

/**
 * The import cannot be done: an input file or the output folder cannot be used. The message names which
 * and says why.
 */
public final class ImportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
