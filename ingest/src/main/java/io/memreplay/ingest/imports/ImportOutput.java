package io.memreplay.ingest.imports;

import io.memreplay.ingest.imports.compression.CorruptInputException;
import io.memreplay.ingest.imports.compression.InputFiles;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What every importer checks and starts alike: its input files, and the dataset it writes. */
public final class ImportOutput {

  private ImportOutput() {}

  /** Checked before anything is written, so that a typo in a file name leaves no half-made trace. */
  public static void requireReadable(Path file) throws ImportException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ImportException(file + ": " + (Files.exists(file) ? "not a readable file" : "no such file"));
    }
  }

  /**
   * Opens an input file, plain or compressed; a compressed file whose header is corrupt is a bad input, as
   * {@link CorruptInputException}'s message says.
   */
  public static InputFiles.Input openInput(Path file) throws IOException, ImportException {
    try {
      return InputFiles.open(file);
    } catch (CorruptInputException e) {
      throw new ImportException(e.getMessage(), e);
    }
  }

  /**
   * A compressed input found corrupt or cut short while reading, after its line {@code line}: a bad input.
   * Input is decoded ahead of the lines read, so the damage lies somewhat after that line.
   */
  public static ImportException corruptAfter(CorruptInputException e, long line) {
    return new ImportException(e.getMessage() + ", found when " + line + " lines had been read", e);
  }

  /** {@link #requireReadable(Path)} for every file. */
  public static void requireReadable(List<Path> files) throws ImportException {
    for (Path file : files) {
      requireReadable(file);
    }
  }

  /** The start of a manifest's created_by: {@code memreplay import FORMAT FILE...}; options follow. */
  public static StringBuilder command(String format, List<Path> files) {
    StringBuilder command = new StringBuilder("memreplay import ").append(format);
    for (Path file : files) {
      command.append(' ').append(file);
    }
    return command;
  }

  /** Starts the dataset; an occupied or unusable output folder is for the user to fix, as a bad input is. */
  public static TraceDatasetWriter create(Path out, TraceDatasetWriter.Header header,
      TraceDatasetWriter.Settings settings) throws ImportException {
    try {
      return TraceDatasetWriter.create(out, header, settings);
    } catch (IOException e) {
      throw new ImportException(e.getMessage(), e);
    }
  }
}
