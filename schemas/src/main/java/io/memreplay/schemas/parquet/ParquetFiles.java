package io.memreplay.schemas.parquet;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * The one place that knows how memreplay writes and reads Parquet: Parquet v2 pages, ZSTD, local files,
 * no Hadoop configuration, and Avro specific records from {@code io.memreplay.schemas.avro}.
 */
public final class ParquetFiles {

  /** Row groups small enough to stream through a few hundred MB of heap per open file. */
  public static final int ROW_GROUP_BYTES = 64 << 20;
  public static final int PAGE_BYTES = 1 << 20;

  private static final HadoopFreeCodecFactory CODECS = new HadoopFreeCodecFactory();

  static {
    TrustedRecords.install();
  }

  private ParquetFiles() {}

  public static HadoopFreeCodecFactory codecs() {
    return CODECS;
  }

  public static ParquetReadOptions readOptions() {
    return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(CODECS).build();
  }

  /** A writer of Avro specific records to {@code file}, replacing it if it exists. */
  public static <T> ParquetWriter<T> avroWriter(Path file, Schema schema) throws IOException {
    return AvroParquetWriter.<T>builder(new LocalOutputFile(file))
        .withSchema(schema)
        .withDataModel(SpecificData.get())
        .withConf(new PlainParquetConfiguration())
        .withCodecFactory(CODECS)
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withWriterVersion(WriterVersion.PARQUET_2_0)
        .withRowGroupSize((long) ROW_GROUP_BYTES)
        .withPageSize(PAGE_BYTES)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  /** A reader of Avro specific records; the record class is named by the file's Avro schema. */
  public static <T> ParquetReader<T> avroReader(Path file) throws IOException {
    return AvroParquetReader.<T>builder(new LocalInputFile(file), new PlainParquetConfiguration())
        .withDataModel(SpecificData.get())
        .withCodecFactory(CODECS)
        .build();
  }
}
