package io.memreplay.analytics.results;

import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Rows of any result table with a distinct value in every column, for tests that check columns
 * generically against the Avro schema rather than one by one.
 */
public final class SampleRows {

  private SampleRows() {}

  /**
   * A row of {@code table} whose fields are derived from their name, position and {@code seed}; optional
   * fields are null when {@code nullOptionals}. Fields named in {@code fixed} (run_id, policy...) take the
   * given value instead.
   */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> T sample(ResultTable table, int seed, boolean nullOptionals,
      Map<String, String> fixed) {
    T row = (T) emptyRow(table);
    for (Schema.Field field : table.schema().getFields()) {
      Object value = fixed.containsKey(field.name()) ? fixed.get(field.name()) : value(field, seed, nullOptionals);
      row.put(field.pos(), value);
    }
    return row;
  }

  /** A complete {@code runs} row of the given run. */
  public static Run run(String replayId, String runId, String policy) {
    return sample(ResultTable.RUNS, 1, false,
        Map.of("replay_id", replayId, "run_id", runId, "policy", policy, "status", Replay.COMPLETE));
  }

  private static SpecificRecord emptyRow(ResultTable table) {
    return switch (table) {
      case RUNS -> new Run();
      case VM_INTERVALS -> new VmInterval();
      case HOST_INTERVALS -> new HostInterval();
      case TRANSLATION -> new TranslationInterval();
      case WORKING_SETS -> new WorkingSet();
      case MRC -> new MrcPoint();
      case REJECTS -> new Reject();
    };
  }

  private static Object value(Schema.Field field, int seed, boolean nullOptionals) {
    Schema schema = field.schema();
    if (schema.getType() == Schema.Type.UNION) {
      if (nullOptionals) {
        return null;
      }
      schema = schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
    return switch (schema.getType()) {
      case STRING -> field.name() + "-" + seed;
      case INT -> seed * 100 + field.pos();
      // Beyond the range of int, so that a column read as INTEGER would not pass.
      case LONG -> seed * 10_000_000_000L + field.pos();
      case DOUBLE -> seed + field.pos() / 8.0;
      case BOOLEAN -> (seed + field.pos()) % 2 == 0;
      default -> throw new IllegalArgumentException("no sample value for " + field);
    };
  }

  /** Writes a row of a per-run table, other than {@code runs}, through the method made for it. */
  public static void write(RunOutput output, SpecificRecord row) throws IOException {
    if (row instanceof VmInterval vm) {
      output.emit(EngineRows.of(vm));
    } else if (row instanceof HostInterval host) {
      output.emit(EngineRows.of(host));
    } else if (row instanceof TranslationInterval translation) {
      output.emit(EngineRows.of(translation));
    } else if (row instanceof WorkingSet workingSet) {
      output.emit(EngineRows.of(workingSet));
    } else if (row instanceof MrcPoint point) {
      output.emit(EngineRows.of(point));
    } else {
      throw new IllegalArgumentException("not a row a run writes: " + row.getSchema().getName());
    }
  }
}
