package io.memreplay.schemas.trace;

import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.parquet.ParquetFiles;
import io.memreplay.schemas.trace.ColumnLayout.Column;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link Columns} of one kind to a Parquet file (v2 pages, ZSTD) without an Avro object per
 * row. The file carries its Avro schema, so Avro readers and DuckDB see the same columns. Rows go to a
 * hidden temporary file that {@link #close} publishes under the final name; {@link #abort} deletes it.
 */
final class ColumnarFileWriter implements Closeable {

  private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  private final Path target;
  private final Path temporary;
  private final ParquetWriter<Row> writer;
  private final Row row = new Row();
  private long rows;

  ColumnarFileWriter(Path target, RecordKind kind) throws IOException {
    this.target = target;
    this.temporary = AtomicFiles.temporaryFor(target);
    Builder builder = new Builder(new LocalOutputFile(temporary), new ColumnsWriteSupport(kind))
        .withConf(new PlainParquetConfiguration())
        .withCodecFactory(ParquetFiles.codecs())
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withWriterVersion(WriterVersion.PARQUET_2_0)
        .withRowGroupSize((long) ParquetFiles.ROW_GROUP_BYTES)
        .withPageSize(ParquetFiles.PAGE_BYTES)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    // Addresses, hashes and timestamps rarely repeat: delta encoding beats a dictionary that would
    // overflow and fall back after the first page. Small categorical columns keep the dictionary.
    for (Column column : kind.layout().columns()) {
      boolean categorical = column.type() != ColumnType.LONG && column.type() != ColumnType.OPTIONAL_LONG;
      builder.withDictionaryEncoding(column.name(), categorical);
    }
    this.writer = builder.build();
  }

  /** Appends rows {@code [from, from + count)} of {@code block}. */
  void write(Columns block, int from, int count) throws IOException {
    row.block = block;
    for (int i = from; i < from + count; i++) {
      row.index = i;
      writer.write(row);
    }
    rows += count;
  }

  long rows() {
    return rows;
  }

  Path target() {
    return target;
  }

  /** Finishes the file and publishes it under its final name. */
  @Override
  public void close() throws IOException {
    writer.close();
    AtomicFiles.publish(temporary, target);
  }

  /** Drops the file: nothing appears under the final name. */
  void abort() throws IOException {
    try {
      writer.close();
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** A cursor on one row of a block: the one object the Parquet writer API needs, reused for every row. */
  private static final class Row {
    Columns block;
    int index;
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final WriteSupport<Row> writeSupport;

    Builder(OutputFile file, WriteSupport<Row> writeSupport) {
      super(file);
      this.writeSupport = writeSupport;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in the builder; memreplay never passes a Hadoop configuration
    protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return writeSupport;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
      return writeSupport;
    }
  }

  private static final class ColumnsWriteSupport extends WriteSupport<Row> {
    private final RecordKind kind;
    private final MessageType schema;
    private final List<Column> columns;
    private final Binary[][] symbols;
    private RecordConsumer consumer;

    ColumnsWriteSupport(RecordKind kind) {
      this.kind = kind;
      this.schema = new AvroSchemaConverter(new PlainParquetConfiguration()).convert(kind.layout().schema());
      this.columns = kind.layout().columns();
      this.symbols = new Binary[columns.size()][];
      for (Column column : columns) {
        symbols[column.index()] = column.symbols().stream().map(symbol -> Binary.fromString(symbol)).toArray(Binary[]::new);
      }
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in WriteSupport; memreplay never passes a Hadoop configuration
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
      return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return context();
    }

    private WriteContext context() {
      return new WriteContext(schema, Map.of(AVRO_SCHEMA_KEY, kind.layout().schema().toString()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Row row) {
      Columns block = row.block;
      int i = row.index;
      consumer.startMessage();
      for (Column column : columns) {
        Object array = block.array(column.index());
        switch (column.type()) {
          case LONG:
            field(column).addLong(((long[]) array)[i]);
            break;
          case INT:
            field(column).addInteger(((int[]) array)[i]);
            break;
          case OPTIONAL_LONG: {
            long value = ((long[]) array)[i];
            if (value == Columns.NULL) {
              continue;
            }
            field(column).addLong(value);
            break;
          }
          case OPTIONAL_INT: {
            int value = ((int[]) array)[i];
            if (value == Columns.NULL) {
              continue;
            }
            field(column).addInteger(value);
            break;
          }
          case ENUM:
            field(column).addBinary(symbols[column.index()][((byte[]) array)[i]]);
            break;
          case BOOLEAN:
            field(column).addBoolean(((boolean[]) array)[i]);
            break;
          default:
            throw new AssertionError(column.type());
        }
        consumer.endField(column.name(), column.index());
      }
      consumer.endMessage();
    }

    private RecordConsumer field(Column column) {
      consumer.startField(column.name(), column.index());
      return consumer;
    }
  }
}
