package io.memreplay.schemas.trace;

import java.io.IOException;

/**
 * A trace cannot be written to the folder asked for: it holds a trace that is not to be replaced, files
 * that are not a trace, or another command is writing a trace there. The user's to fix, as a bad input is.
 */
public class TraceFolderException extends IOException {

  public TraceFolderException(String message) {
    super(message);
  }
}
