package io.memreplay.bench;

import io.memreplay.schemas.parquet.ParquetFiles;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The baselines of {@link ColumnarReaderBenchmark}: the same trace files read by parquet-java itself, to
 * see what memreplay's own page decoder ({@code ColumnarFileReader}) buys. {@link #columnReaders} is
 * parquet-java's column API, the fastest it offers short of decoding pages by hand: per row group a {@code
 * ColumnReadStoreImpl}, per column a {@code ColumnReader} whose values ({@code getLong}, {@code getInteger},
 * {@code getBoolean}, {@code getBinary} for enums, mapped to their ordinals) go into reused primitive arrays,
 * as {@code TraceReader} fills a batch. {@link #avroRecords} is the usual way: {@code AvroParquetReader} of
 * generic records, an object per row. Neither merges the tables in time order nor checks rows, which
 * {@code TraceReader} does besides: their advantage.
 */
final class ParquetJavaReads {

  private ParquetJavaReads() {}


  /** Reads every column of every file of {@code dataset} with parquet-java's column readers. */
  static void columnReaders(TraceDataset dataset, RowCounts counts, Blackhole blackhole) throws IOException {
    Arrays arrays = new Arrays();
    for (RecordKind kind : RecordKind.values()) {
      long rows = 0;
      for (TraceManifest.FileEntry file : dataset.files(kind)) {
        rows += readColumns(file(dataset, kind, file), arrays, blackhole);
      }
      counts.add(kind == RecordKind.ACCESSES ? rows : 0, rows);
    }
  }

  /** Reads every row of every file of {@code dataset} as an Avro generic record. */
  static void avroRecords(TraceDataset dataset, RowCounts counts, Blackhole blackhole) throws IOException {
    for (RecordKind kind : RecordKind.values()) {
      long rows = 0;
      for (TraceManifest.FileEntry file : dataset.files(kind)) {
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
            new LocalInputFile(file(dataset, kind, file)), new PlainParquetConfiguration())
            .withCodecFactory(ParquetFiles.codecs()).build()) {
          for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
            blackhole.consume(record);
            rows++;
          }
        }
      }
      counts.add(kind == RecordKind.ACCESSES ? rows : 0, rows);
    }
  }

  private static Path file(TraceDataset dataset, RecordKind kind, TraceManifest.FileEntry file) {
    return dataset.dir().resolve(kind.table()).resolve(file.name());
  }

  /** Reads every column of every row group of {@code path} into {@code arrays}; returns the rows. */
  private static long readColumns(Path path, Arrays arrays, Blackhole blackhole) throws IOException {
    long rows = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path), ParquetFiles.readOptions())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      GroupConverter converter = new IgnoringConverter(schema.getFieldCount());
      for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
        int count = Math.toIntExact(rowGroup.getRowCount());
        arrays.ensure(count);
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, converter, schema, createdBy);
        for (ColumnDescriptor column : schema.getColumns()) {
          readColumn(store.getColumnReader(column), column, count, arrays);
          blackhole.consume(arrays);
        }
        rows += count;
      }
    }
    return rows;
  }

  private static void readColumn(ColumnReader reader, ColumnDescriptor column, int count, Arrays arrays) {
    int defined = column.getMaxDefinitionLevel();
    switch (column.getPrimitiveType().getPrimitiveTypeName()) {
      case INT64 -> {
        for (int i = 0; i < count; i++) {
          arrays.longs[i] = reader.getCurrentDefinitionLevel() == defined ? reader.getLong() : -1;
          reader.consume();
        }
      }
      case INT32 -> {
        for (int i = 0; i < count; i++) {
          arrays.ints[i] = reader.getCurrentDefinitionLevel() == defined ? reader.getInteger() : -1;
          reader.consume();
        }
      }
      case BOOLEAN -> {
        for (int i = 0; i < count; i++) {
          arrays.booleans[i] = reader.getBoolean();
          reader.consume();
        }
      }
      case BINARY -> {
        for (int i = 0; i < count; i++) {
          arrays.bytes[i] = arrays.ordinal(reader.getBinary());
          reader.consume();
        }
      }
      default -> throw new IllegalStateException("no trace column is " + column);
    }
  }

  /** The arrays a row group's columns are read into, reused, as a {@code TraceBatch}'s are. */
  private static final class Arrays {
    long[] longs = new long[0];
    int[] ints = new int[0];
    boolean[] booleans = new boolean[0];
    byte[] bytes = new byte[0];
    private final Map<Binary, Byte> ordinals = new HashMap<>();

    void ensure(int rows) {
      if (longs.length < rows) {
        longs = new long[rows];
        ints = new int[rows];
        booleans = new boolean[rows];
        bytes = new byte[rows];
      }
    }

    /** An enum symbol's number: symbols numbered as they come, which costs what a lookup of the ordinal does. */
    byte ordinal(Binary symbol) {
      Byte ordinal = ordinals.get(symbol);
      if (ordinal == null) {
        ordinal = (byte) ordinals.size();
        ordinals.put(symbol.copy(), ordinal);
      }
      return ordinal;
    }
  }

  /** The record converter {@code ColumnReadStoreImpl} wants; values are read from the column readers instead. */
  private static final class IgnoringConverter extends GroupConverter {
    private final PrimitiveConverter ignoring = new PrimitiveConverter() {};
    private final int fields;

    IgnoringConverter(int fields) {
      this.fields = fields;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      if (fieldIndex >= fields) {
        throw new IndexOutOfBoundsException(fieldIndex);
      }
      return ignoring;
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
