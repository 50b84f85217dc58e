package io.memreplay.ingest;

import io.memreplay.schemas.parquet.ParquetFiles;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The records of a trace read with the plain Avro Parquet reader, file by file in manifest order: an
 * independent view to check the columnar reader and what is computed from it.
 */
public final class TraceRecords {

  private TraceRecords() {}

  /** Every record of {@code kind} in the trace in {@code dir}, in file and row order. */
  public static <T> List<T> read(Path dir, RecordKind kind) throws IOException {
    TraceManifest manifest = TraceManifest.parse(Files.readString(dir.resolve(TraceManifest.FILE_NAME)), "test");
    List<T> records = new ArrayList<>();
    for (TraceManifest.FileEntry file : manifest.files(kind)) {
      try (ParquetReader<T> reader = ParquetFiles.avroReader(dir.resolve(kind.table()).resolve(file.name()))) {
        for (T record = reader.read(); record != null; record = reader.read()) {
          records.add(record);
        }
      }
    }
    return records;
  }
}
