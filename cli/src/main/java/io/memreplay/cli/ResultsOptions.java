package io.memreplay.cli;

import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --results DIR} option of the commands that query results, repeatable to query several folders
 * as one. Checked when the results are opened, not by the parser, so that {@code report --list} needs none.
 */
final class ResultsOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--results", paramLabel = "DIR",
      description = "a results folder written by replay (required); repeat to query several as one dataset")
  List<Path> dirs;

  /** DuckDB over the folders, one view per table, read only. */
  ResultsDatabase open() throws BadInputException {
    return open(List.of());
  }

  /** DuckDB over the folders, one view per table, read only but for {@code readableDirs} too. */
  ResultsDatabase open(List<Path> readableDirs) throws BadInputException {
    requireDirs();
    try {
      return ResultsDatabase.open(dirs, readableDirs);
    } catch (IOException | QueryException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /** DuckDB over the folders, one view per table, in which any statement runs. */
  ResultsDatabase openWritable() throws BadInputException {
    requireDirs();
    try {
      return ResultsDatabase.openWritable(dirs);
    } catch (IOException | QueryException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  private void requireDirs() {
    if (dirs == null || dirs.isEmpty()) {
      throw new ParameterException(command.commandLine(), "Missing required option: '--results=DIR'");
    }
  }
}
