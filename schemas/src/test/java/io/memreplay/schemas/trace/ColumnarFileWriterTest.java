package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.parquet.ParquetFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Files written column by column hold exactly the rows written, for every reader, in any layout. */
class ColumnarFileWriterTest {

  /** Row groups this small close at the first page boundary, so a few pages make several row groups. */
  private static final long SMALL_ROW_GROUPS = 64 << 10;
  /** Rows that span three pages: two full, one partial. */
  private static final int ROWS = 2 * ColumnChunkWriter.PAGE_ROWS + 5_000;

  private static Connection duckDb;

  @TempDir
  Path dir;

  @BeforeAll
  static void openDuckDb() throws SQLException {
    duckDb = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void closeDuckDb() throws SQLException {
    duckDb.close();
  }

  @Test
  void rowsWrittenInPiecesOfAnySizeMakeTheSameFileAsWrittenAtOnce() throws IOException {
    Columns block = RandomBlocks.of(RecordKind.ACCESSES, ROWS, 1, 0.3, 5);
    Path whole = write(block, "whole.parquet", SMALL_ROW_GROUPS, ROWS);
    Path pieces = write(block, "pieces.parquet", SMALL_ROW_GROUPS, 1, 7, 19_999, 3, 12_345, 64);
    Path rows = write(block, "rows.parquet", SMALL_ROW_GROUPS, 1);
    assertTrue(rowGroups(whole).size() > 1);
    assertEquals(-1, Files.mismatch(whole, pieces), "written in pieces");
    assertEquals(-1, Files.mismatch(whole, rows), "written row by row");
  }

  /** Every kind; those with optional columns without nulls, with some, and with nulls only. */
  static Stream<Arguments> kindsAndNullShares() {
    return Stream.of(RecordKind.values()).flatMap(kind -> {
      boolean optional = kind.layout().columns().stream().anyMatch(column -> column.type().nullable());
      return (optional ? Stream.of(0.0, 0.3, 1.0) : Stream.of(0.0)).map(nulls -> Arguments.of(kind, nulls));
    });
  }

  @ParameterizedTest(name = "{0}, nulls {1}")
  @MethodSource("kindsAndNullShares")
  void everyReaderReadsTheRowsBackAcrossRowGroups(RecordKind kind, double nullShare) throws Exception {
    Columns block = RandomBlocks.of(kind, ROWS, 2, nullShare, 5);
    Path file = write(block, "rows.parquet", SMALL_ROW_GROUPS, 4096);
    assertTrue(rowGroups(file).size() > 1);
    assertEveryReaderReads(block, file);
  }

  @Test
  void aDictionaryColumnOfNullsOnlyHasNoDictionaryPage() throws IOException {
    Columns block = RandomBlocks.of(RecordKind.CONTENTS, ROWS, 6, 1.0, 5);
    Path file = write(block, "contents.parquet", ParquetFiles.ROW_GROUP_BYTES, ROWS);
    ColumnChunkMetaData chunk = column(rowGroups(file).get(0), "compressed_bytes");
    assertFalse(chunk.hasDictionaryPage());
    assertEquals(Set.of(Encoding.PLAIN), chunk.getEncodings());
  }

  @Test
  void anIntColumnOutgrowingItsDictionaryContinuesDeltaEncoded() throws Exception {
    int rows = 15 * ColumnChunkWriter.PAGE_ROWS; // more distinct values than a 1 MB dictionary page holds
    Columns block = RandomBlocks.of(RecordKind.CONTENTS, rows, 3, 0.1, Integer.MAX_VALUE);
    Path file = write(block, "contents.parquet", ParquetFiles.ROW_GROUP_BYTES, 10_000);
    assertEquals(Set.of(Encoding.PLAIN, Encoding.RLE_DICTIONARY, Encoding.DELTA_BINARY_PACKED),
        column(rowGroups(file).get(0), "compressed_bytes").getEncodings());
    assertEveryReaderReads(block, file);
  }

  @Test
  void everyChunkAndPageRecordsTheRangeAndNullCountOfItsRows() throws IOException {
    Columns block = RandomBlocks.of(RecordKind.ACCESSES, ROWS, 4, 0.3, 5);
    Path file = write(block, "accesses.parquet", SMALL_ROW_GROUPS, ROWS);
    List<SpecificRecordBase> records = RandomBlocks.records(block);
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), ParquetFiles.readOptions())) {
      long first = 0;
      for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
          int field = records.get(0).getSchema().getField(chunk.getPath().toDotString()).pos();
          String where = chunk.getPath() + " in the row group from row " + first;
          Range rows = Range.of(records, field, first, first + rowGroup.getRowCount());
          assertEquals(rows, Range.of(chunk.getStatistics()), where);
          ColumnIndex pageRanges = reader.readColumnIndex(chunk);
          OffsetIndex pages = reader.readOffsetIndex(chunk);
          for (int page = 0; page < pages.getPageCount(); page++) {
            long pageFirst = first + pages.getFirstRowIndex(page);
            long pageEnd = first + (page + 1 < pages.getPageCount() ? pages.getFirstRowIndex(page + 1) : rowGroup.getRowCount());
            assertEquals(Range.of(records, field, pageFirst, pageEnd), Range.of(pageRanges, page, chunk.getPrimitiveType()),
                where + ", page " + page);
          }
        }
        first += rowGroup.getRowCount();
      }
    }
  }

  @Test
  void theFileAppearsWhenClosedAndNotAtAllWhenAborted() throws IOException {
    Columns block = RandomBlocks.of(RecordKind.DEMAND, 100, 5, 0.3, 5);
    Path kept = dir.resolve("kept.parquet");
    ColumnarFileWriter writer = new ColumnarFileWriter(kept, RecordKind.DEMAND);
    writer.write(block, 0, block.size());
    assertFalse(Files.exists(kept));
    writer.close();
    assertTrue(Files.exists(kept));

    ColumnarFileWriter dropped = new ColumnarFileWriter(dir.resolve("dropped.parquet"), RecordKind.DEMAND);
    dropped.write(block, 0, block.size());
    dropped.abort();
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(kept), files.toList());
    }
  }

  /** Writes {@code block} to a file of {@code name}, in pieces of the given sizes, repeated. */
  private Path write(Columns block, String name, long rowGroupBytes, int... pieces) throws IOException {
    Path file = dir.resolve(name);
    ColumnarFileWriter writer = new ColumnarFileWriter(file, block.kind(), rowGroupBytes);
    int next = 0;
    for (int piece = 0; next < block.size(); piece = (piece + 1) % pieces.length) {
      int count = Math.min(pieces[piece], block.size() - next);
      writer.write(block, next, count);
      next += count;
    }
    assertEquals(block.size(), writer.rows());
    writer.close();
    assertFalse(Files.exists(AtomicFiles.temporaryFor(file)));
    return file;
  }

  private static List<BlockMetaData> rowGroups(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), ParquetFiles.readOptions())) {
      return reader.getFooter().getBlocks();
    }
  }

  private static ColumnChunkMetaData column(BlockMetaData rowGroup, String name) {
    return rowGroup.getColumns().stream().filter(chunk -> chunk.getPath().toDotString().equals(name)).findFirst().orElseThrow();
  }

  /** The columnar reader, parquet-avro and DuckDB all read the rows of {@code block} from {@code file}. */
  private static void assertEveryReaderReads(Columns block, Path file) throws Exception {
    List<SpecificRecordBase> expected = RandomBlocks.records(block);
    TraceFixtures.assertSameRecords(expected, RandomBlocks.records(readColumnar(file, block.kind())));
    TraceFixtures.assertSameRecords(expected, TraceFixtures.avroRecords(file));
    try (Statement sql = duckDb.createStatement()) {
      TraceFixtures.assertDuckDbReads(sql, file.toString(), block.kind().layout().schema(), expected);
    }
  }

  private static Columns readColumnar(Path file, RecordKind kind) throws IOException {
    try (ColumnarFileReader reader = ColumnarFileReader.open(file, file.getFileName().toString(), kind)) {
      Columns rows = kind.newColumns((int) reader.rows());
      while (reader.read(rows, 1000) > 0) {
        assertEquals(List.of(), reader.drainProblems());
      }
      return rows;
    }
  }

  /** The smallest and largest value and the number of nulls among some rows of a column, as text. */
  private record Range(String min, String max, long nulls) {

    /** Values compare as Parquet orders them: numbers and booleans by value, enum symbols as strings. */
    private static final Comparator<Object> ORDER = Range::compare;

    static Range of(List<SpecificRecordBase> records, int field, long from, long to) {
      List<Object> values = new ArrayList<>();
      for (long row = from; row < to; row++) {
        values.add(records.get((int) row).get(field));
      }
      long nulls = values.stream().filter(value -> value == null).count();
      List<Object> present = values.stream().filter(value -> value != null).toList();
      return present.isEmpty() ? new Range(null, null, nulls)
          : new Range(present.stream().min(ORDER).map(Range::text).get(), present.stream().max(ORDER).map(Range::text).get(), nulls);
    }

    static Range of(Statistics<?> statistics) {
      return statistics.hasNonNullValue()
          ? new Range(text(statistics.genericGetMin()), text(statistics.genericGetMax()), statistics.getNumNulls())
          : new Range(null, null, statistics.getNumNulls());
    }

    static Range of(ColumnIndex index, int page, PrimitiveType type) {
      long nulls = index.getNullCounts().get(page);
      if (index.getNullPages().get(page)) {
        return new Range(null, null, nulls);
      }
      Statistics<?> bounds = Statistics.getBuilderForReading(type)
          .withMin(bytes(index.getMinValues().get(page)))
          .withMax(bytes(index.getMaxValues().get(page)))
          .withNumNulls(nulls)
          .build();
      return of(bounds);
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
      return a instanceof Enum<?> ? a.toString().compareTo(b.toString()) : ((Comparable<Object>) a).compareTo(b);
    }

    private static byte[] bytes(ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }

    private static String text(Object value) {
      return value instanceof Binary binary ? binary.toStringUsingUTF8() : value.toString();
    }
  }
}
