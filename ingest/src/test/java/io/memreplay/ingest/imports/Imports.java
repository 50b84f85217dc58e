package io.memreplay.ingest.imports;

import io.memreplay.ingest.TraceRecords;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.parquet.ParquetFiles;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetReader;

/** Trace files written by tests, imported with default options, and what the import wrote, read back. */
public final class Imports {

  private Imports() {}

  /** Writes {@code lines} to {@code dir/name}, each ended by '\n'. */
  static Path write(Path dir, String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), lines.length == 0 ? "" : String.join("\n", lines) + "\n");
  }

  static ImportSummary run(Path out, TraceFormat format, Path... files) throws IOException, ImportException {
    return run(out, new ImportOptions(format, List.of(files), false, ImportOptions.DEFAULT_NS_PER_ACCESS, "esx-test",
        ImportOptions.GUEST_MB_FROM_FOOTPRINT));
  }

  static ImportSummary run(Path out, ImportOptions options) throws IOException, ImportException {
    return TraceImporter.run(options, out, TraceDatasetWriter.Settings.DEFAULT, lines -> {});
  }

  public static List<MemoryAccess> accesses(Path out) throws IOException {
    return TraceRecords.read(out, RecordKind.ACCESSES);
  }

  /** The rejects an import kept, in the order it found them. */
  public static List<Reject> rejects(Path out) throws IOException {
    List<Reject> rejects = new ArrayList<>();
    Path file = out.resolve(TraceDatasetWriter.REJECTS_FOLDER).resolve(TraceDatasetWriter.REJECTS_FILE_NAME);
    try (ParquetReader<Reject> reader = ParquetFiles.avroReader(file)) {
      for (Reject reject = reader.read(); reject != null; reject = reader.read()) {
        rejects.add(reject);
      }
    }
    return rejects;
  }

  /** An imported access: vCPU 0, no gpa, no content hash. */
  static MemoryAccess access(long ts, int vm, int asid, AccessOp op, long gva, int size) {
    return new MemoryAccess(ts, vm, 0, asid, gva, -1L, op, size, null);
  }

  /** A reject of an import: file, line from 1, reason and text, as the reject table holds them. */
  static String describe(Reject reject) {
    return reject.getSource() + ":" + reject.getPosition() + ": " + reject.getReason() + " [" + reject.getRecord() + "]";
  }
}
