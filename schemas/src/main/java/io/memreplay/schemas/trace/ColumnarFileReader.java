package io.memreplay.schemas.trace;

import io.memreplay.schemas.parquet.ParquetFiles;
import io.memreplay.schemas.parquet.ParquetFooter;
import io.memreplay.schemas.trace.ColumnLayout.Column;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads one Parquet file of a record kind straight into {@link Columns}, row group by row group and
 * page by page. Only the kind's columns are read; other columns in the file are ignored. An optional
 * column the file lacks (one added to the schema after the file was written) reads as null.
 */
public final class ColumnarFileReader implements Closeable {

  private final String source;
  private final ParquetFileReader reader;
  private final byte[] footer;
  private final ColumnDecoder[] decoders;
  private final ColumnDescriptor[] descriptors;
  private final RowProblems problems = new RowProblems();
  private final long rows;
  private PageReadStore rowGroup;
  private long rowGroupRemaining;
  private int rowGroupIndex = -1;
  private long position;

  private ColumnarFileReader(String source, ParquetFileReader reader, byte[] footer, RecordKind kind)
      throws TraceFormatException {
    this.source = source;
    this.reader = reader;
    this.footer = footer;
    this.rows = reader.getRecordCount();
    MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
    List<Column> columns = kind.layout().columns();
    decoders = new ColumnDecoder[columns.size()];
    descriptors = new ColumnDescriptor[columns.size()];
    List<Type> requested = new ArrayList<>();
    for (Column column : columns) {
      if (!fileSchema.containsField(column.name())) {
        if (column.type().nullable()) {
          continue;
        }
        throw new TraceFormatException(source + ": column '" + column.name() + "' is missing; a "
            + kind.table() + " file needs the columns " + requiredColumnNames(columns));
      }
      Type field = fileSchema.getType(column.name());
      checkType(source, column, field);
      requested.add(field);
    }
    MessageType projection = new MessageType(fileSchema.getName(), requested);
    reader.setRequestedSchema(projection);
    for (Column column : columns) {
      if (!projection.containsField(column.name())) {
        continue;
      }
      ColumnDescriptor descriptor = projection.getColumnDescription(new String[] {column.name()});
      descriptors[column.index()] = descriptor;
      decoders[column.index()] = new ColumnDecoder(column, descriptor, problems);
    }
  }

  /**
   * Opens {@code file}; {@code source} names it in messages (the path relative to the dataset).
   *
   * @throws TraceFormatException when the file is missing, not Parquet, truncated, or lacks a column
   */
  public static ColumnarFileReader open(Path file, String source, RecordKind kind) throws TraceFormatException {
    if (!Files.isRegularFile(file)) {
      throw new TraceFormatException(source + ": file is missing");
    }
    byte[] footer;
    ParquetFileReader reader;
    try {
      // the footer is read once: its raw bytes fingerprint the file (TraceDataset), parquet-java gets it parsed
      footer = ParquetFooter.read(file);
      ParquetReadOptions options = ParquetFiles.readOptions();
      ParquetMetadata metadata = new ParquetMetadataConverter(options)
          .readParquetMetadata(new ByteArrayInputStream(footer), options.getMetadataFilter());
      InputFile input = new LocalInputFile(file);
      SeekableInputStream stream = input.newStream();
      try {
        reader = ParquetFileReader.open(input, metadata, options, stream);
      } catch (IOException | RuntimeException e) {
        closeQuietly(stream);
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      throw new TraceFormatException(source + ": not a readable Parquet file (" + e.getMessage()
          + "); it may be truncated or corrupt", e);
    }
    try {
      return new ColumnarFileReader(source, reader, footer, kind);
    } catch (TraceFormatException | RuntimeException e) {
      closeQuietly(reader);
      throw e;
    }
  }

  /** The raw bytes of the file's footer (see {@link ParquetFooter}), as the file holds them: a fingerprint of it. */
  byte[] footer() {
    return footer;
  }

  /** Rows in the file, from its footer. */
  public long rows() {
    return rows;
  }

  /**
   * The smallest and largest ts_ns of the file by its footer's statistics, or null when a row group has none
   * (a writer may leave them out).
   */
  public long[] tsRange() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (BlockMetaData block : reader.getFooter().getBlocks()) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        if (!chunk.getPath().toDotString().equals("ts_ns")) {
          continue;
        }
        Statistics<?> statistics = chunk.getStatistics();
        if (block.getRowCount() > 0) {
          if (statistics == null || !statistics.hasNonNullValue()) {
            return null;
          }
          min = Math.min(min, ((Number) statistics.genericGetMin()).longValue());
          max = Math.max(max, ((Number) statistics.genericGetMax()).longValue());
        }
      }
    }
    return min > max ? null : new long[] {min, max};
  }

  /** Rows decoded so far: the file row number of the next row. */
  public long position() {
    return position;
  }

  public String source() {
    return source;
  }

  /**
   * Decodes up to {@code max} rows, and at most the free space of {@code into}, appending them.
   *
   * @return rows decoded; 0 at the end of the file
   */
  public int read(Columns into, int max) throws TraceFormatException {
    try {
      while (rowGroupRemaining == 0) {
        if (rowGroup != null) {
          rowGroup.close();
        }
        rowGroup = reader.readNextRowGroup();
        rowGroupIndex++;
        if (rowGroup == null) {
          return 0;
        }
        rowGroupRemaining = rowGroup.getRowCount();
        for (int i = 0; i < decoders.length; i++) {
          if (decoders[i] != null) {
            decoders[i].startChunk(rowGroup.getPageReader(descriptors[i]));
          }
        }
      }
      int n = (int) Math.min(Math.min(max, into.remaining()), rowGroupRemaining);
      int offset = into.size();
      for (int i = 0; i < decoders.length; i++) {
        if (decoders[i] != null) {
          decoders[i].read(into.array(i), offset, n, position);
        } else {
          fillNull(into.array(i), offset, n);
        }
      }
      into.setSize(offset + n);
      rowGroupRemaining -= n;
      position += n;
      return n;
    } catch (IOException | RuntimeException e) {
      throw new TraceFormatException(source + ": corrupt data in row group " + rowGroupIndex + " near row "
          + position + " (" + e + ")", e);
    }
  }

  /** Rows decoded since the last call that cannot be used, with why. */
  List<RowProblems.Problem> drainProblems() {
    return problems.isEmpty() ? List.of() : problems.drain();
  }

  @Override
  public void close() throws IOException {
    if (rowGroup != null) {
      rowGroup.close();
    }
    reader.close();
  }

  private static void checkType(String source, Column column, Type field) throws TraceFormatException {
    if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
      throw new TraceFormatException(source + ": column '" + column.name() + "' must be a single value, is " + field);
    }
    PrimitiveTypeName actual = ((PrimitiveType) field).getPrimitiveTypeName();
    boolean ok;
    String wanted;
    switch (column.type()) {
      case LONG:
      case OPTIONAL_LONG:
        ok = actual == PrimitiveTypeName.INT64 || actual == PrimitiveTypeName.INT32;
        wanted = "INT64 (BIGINT)";
        break;
      case INT:
      case OPTIONAL_INT:
        ok = actual == PrimitiveTypeName.INT32;
        wanted = "INT32 (INTEGER)";
        break;
      case ENUM:
        ok = actual == PrimitiveTypeName.BINARY;
        wanted = "a string, one of " + column.symbols();
        break;
      case BOOLEAN:
        ok = actual == PrimitiveTypeName.BOOLEAN;
        wanted = "BOOLEAN";
        break;
      default:
        throw new AssertionError(column.type());
    }
    if (!ok) {
      throw new TraceFormatException(source + ": column '" + column.name() + "' is " + actual + ", expected " + wanted);
    }
  }

  /** A column the file lacks: null in every row. */
  private static void fillNull(Object array, int from, int count) {
    if (array instanceof long[] longs) {
      Arrays.fill(longs, from, from + count, Columns.NULL);
    } else if (array instanceof int[] ints) {
      Arrays.fill(ints, from, from + count, Columns.NULL);
    } else {
      throw new AssertionError("only optional long and int columns may be missing, not " + array.getClass());
    }
  }

  private static List<String> requiredColumnNames(List<Column> columns) {
    List<String> names = new ArrayList<>();
    for (Column column : columns) {
      if (!column.type().nullable()) {
        names.add(column.name());
      }
    }
    return names;
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // already failing with a better message
    }
  }
}
