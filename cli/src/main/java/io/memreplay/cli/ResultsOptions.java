package io.memreplay.cli;

import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --results DIR} option of the commands that query results, repeatable to query several folders as one. */
final class ResultsOptions {

  @Option(names = "--results", required = true, paramLabel = "DIR",
      description = "a results folder written by replay; repeat to query several as one dataset")
  List<Path> dirs;

  /** DuckDB over the folders, one view per table, read only. */
  ResultsDatabase open() throws BadInputException {
    try {
      return ResultsDatabase.open(dirs);
    } catch (IOException | QueryException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /** DuckDB over the folders, one view per table, in which any statement runs. */
  ResultsDatabase openWritable() throws BadInputException {
    try {
      return ResultsDatabase.openWritable(dirs);
    } catch (IOException | QueryException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }
}
