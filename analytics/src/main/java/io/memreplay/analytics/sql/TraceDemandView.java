package io.memreplay.analytics.sql;

import io.memreplay.schemas.avro.MemoryDemand;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The view {@value #NAME}: the demand samples of the trace the results replayed, so that a query can set what
 * the replay had beside what the recorded host had (the samples' {@code observed_*} columns). Without a trace it
 * is empty, with the columns of the trace's {@code demand} table, so that the reports over it return no rows.
 */
public final class TraceDemandView {

  public static final String NAME = "trace_demand";

  private TraceDemandView() {}

  /** Makes {@value #NAME} read {@code files}, the trace's demand files. */
  public static void define(ResultsDatabase database, List<Path> files) throws QueryException {
    String list = files.stream().map(file -> TableViews.literal(file.toAbsolutePath().toString()))
        .collect(Collectors.joining(", ", "[", "]"));
    // union_by_name: a file written before the observed columns existed reads them as null
    database.execute("CREATE OR REPLACE VIEW " + NAME + " AS SELECT * FROM read_parquet(" + list
        + ", union_by_name = true)");
  }

  /** An empty {@value #NAME}, unless a trace's is defined already. */
  public static void defineEmptyUnlessDefined(ResultsDatabase database) throws QueryException {
    database.execute("CREATE VIEW IF NOT EXISTS " + NAME + " AS " + TableViews.emptySelect(MemoryDemand.getClassSchema()));
  }
}
