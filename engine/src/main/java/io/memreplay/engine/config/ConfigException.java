package io.memreplay.engine.config;

/** A scenario or policy document is not valid; the message names the document and what to fix. */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
