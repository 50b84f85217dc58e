package io.memreplay.analytics.results;

import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.parquet.ParquetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.ParquetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Parquet file of a results table, written under its hidden temporary name and then either
 * published (renamed into place) or discarded. Not thread-safe.
 */
final class TableFile<T> {

  private static final Logger LOG = LoggerFactory.getLogger(TableFile.class);

  private final Path target;
  private final Path temporary;
  private final ParquetWriter<T> writer;
  private boolean closed;

  private TableFile(Path target, Path temporary, ParquetWriter<T> writer) {
    this.target = target;
    this.temporary = temporary;
    this.writer = writer;
  }

  /** Starts the file; it holds a schema from now on, even if no row is ever written. */
  static <T> TableFile<T> create(Path target, Schema schema) throws IOException {
    Files.createDirectories(target.getParent());
    // unique: two replay workers may write the same run at once (see AtomicFiles.uniqueTemporaryFor)
    Path temporary = AtomicFiles.uniqueTemporaryFor(target);
    return new TableFile<>(target, temporary, ParquetFiles.avroWriter(temporary, schema));
  }

  Path target() {
    return target;
  }

  void write(T row) throws IOException {
    try {
      writer.write(row);
    } catch (IOException e) {
      throw AtomicFiles.cannotWrite(target, e);
    }
  }

  /** Completes the file (row groups and footer) under its temporary name. */
  void close() throws IOException {
    if (!closed) {
      closed = true;
      try {
        writer.close();
      } catch (IOException e) {
        throw AtomicFiles.cannotWrite(target, e);
      }
    }
  }

  /** Completes the file and renames it into place, replacing an earlier file of the same name. */
  void publish() throws IOException {
    close();
    AtomicFiles.publish(temporary, target);
  }

  /**
   * Closes and deletes the temporary file. Runs when something already went wrong, so it reports its own
   * failures to the log instead of hiding the first one. A temporary that cannot be deleted is invisible
   * to readers but stays: its name is unique to this attempt, so no later one overwrites it.
   */
  void discard() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing {} before deleting it failed", temporary, e);
    }
    try {
      AtomicFiles.discard(temporary);
    } catch (IOException e) {
      LOG.warn("could not delete the temporary result file {}", temporary, e);
    }
  }
}
