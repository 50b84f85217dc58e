package io.memreplay.engine.replay;

/** A replay that could not finish, or not on this machine, was refused before it started; the message says why and what to change. */
public final class ReplayRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReplayRefusedException(String message) {
    super(message);
  }
}
