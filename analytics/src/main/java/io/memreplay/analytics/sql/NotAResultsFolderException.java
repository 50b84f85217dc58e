package io.memreplay.analytics.sql;

import java.io.IOException;
import java.nio.file.Path;

/** A folder given as results that is not a results dataset: it has no {@code runs/} folder. */
public final class NotAResultsFolderException extends IOException {

  private static final long serialVersionUID = 1L;

  NotAResultsFolderException(Path folder) {
    super(folder + " is not a memreplay results folder: runs/ is missing");
  }
}
