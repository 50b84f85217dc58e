package io.memreplay.cli;

import io.memreplay.schemas.parquet.AtomicFiles;

/**
 * What a command stopped by Ctrl-C or SIGTERM before it returns leaves, and says: the JVM runs its shutdown
 * hooks and halts, so no writer gets to delete its temporary files, and without a word the user could not
 * tell an interrupted command from one that finished. The exit status stays the JVM's (130 for SIGINT, 143
 * for SIGTERM). A kill -9 runs no hook: what it leaves is hidden from readers, and never looks complete.
 *
 * <p>Commands that stop gracefully on Ctrl-C themselves (the broker, a Kafka replay worker, which publish what
 * they finished while stopping) say so with {@link #handledByCommand}, and are left to it.
 */
final class Interruption {

  private static volatile boolean returned;
  private static volatile boolean handledByCommand;
  private static volatile boolean stopping;

  private Interruption() {}

  /** Watches the command {@code name} of this JVM from now until {@link #commandReturned}. */
  static void watch(String name) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopped(name), "interruption"));
  }

  static void commandReturned() {
    returned = true;
  }

  /** The running command stops gracefully on Ctrl-C on its own. */
  static void handledByCommand() {
    handledByCommand = true;
  }

  /**
   * Whether the JVM is being stopped under a running command: a failure the command meets now comes from the
   * files being deleted under it, and is no news to the user.
   */
  static boolean stopping() {
    return stopping;
  }

  private static void stopped(String name) {
    if (returned || handledByCommand) {
      return;
    }
    stopping = true;
    AtomicFiles.deleteUnpublished();
    System.err.println(name + ": interrupted before it finished; nothing unfinished was published, and its temporary"
        + " files are deleted");
    System.err.flush();
  }
}
