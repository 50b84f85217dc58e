package io.memreplay.ingest.imports;

import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every importer checks and starts alike: its input files, and the dataset it writes. */
public final class ImportOutput {

  private ImportOutput() {}

  /** Checked before anything is written, so that a typo in a file name leaves no half-made trace. */
  public static void requireReadable(Path file) throws ImportException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ImportException(file + ": " + (Files.exists(file) ? "not a readable file" : "no such file"));
    }
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
