package io.memreplay.engine.replay;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.engine.model.Table;
import io.memreplay.engine.model.Tables;

/** The {@code runs} row of a run: what was replayed, under what, with which counts, and how it ended. */
final class RunColumns {

  private final RowLayout layout;
  private final int runId;
  private final int replayId;
  private final int policy;
  private final int policyDoc;
  private final int policyDigest;
  private final int scenario;
  private final int scenarioDoc;
  private final int scenarioDigest;
  private final int traceId;
  private final int traceDigest;
  private final int traceVerification;
  private final int host;
  private final int engineVersion;
  private final int seed;
  private final int intervalNs;
  private final int traceStartNs;
  private final int traceEndNs;
  private final int startedAtNs;
  private final int finishedAtNs;
  private final int accesses;
  private final int pagetableOps;
  private final int pageContents;
  private final int demandSamples;
  private final int rejected;
  private final int lostEvents;
  private final int status;
  private final int pacing;

  RunColumns(Tables tables) {
    layout = tables.layout(Table.RUNS);
    runId = layout.column("run_id");
    replayId = layout.column("replay_id");
    policy = layout.column("policy");
    policyDoc = layout.column("policy_doc");
    policyDigest = layout.column("policy_digest");
    scenario = layout.column("scenario");
    scenarioDoc = layout.column("scenario_doc");
    scenarioDigest = layout.column("scenario_digest");
    traceId = layout.column("trace_id");
    traceDigest = layout.column("trace_digest");
    traceVerification = layout.column("trace_verification");
    host = layout.column("host");
    engineVersion = layout.column("engine_version");
    seed = layout.column("seed");
    intervalNs = layout.column("interval_ns");
    traceStartNs = layout.column("trace_start_ns");
    traceEndNs = layout.column("trace_end_ns");
    startedAtNs = layout.column("started_at_ns");
    finishedAtNs = layout.column("finished_at_ns");
    accesses = layout.column("accesses");
    pagetableOps = layout.column("pagetable_ops");
    pageContents = layout.column("page_contents");
    demandSamples = layout.column("demand_samples");
    rejected = layout.column("rejected");
    lostEvents = layout.column("lost_events");
    status = layout.column("status");
    pacing = layout.column("pacing");
  }

  /**
   * The row of {@code run}, which replayed {@code trace} from {@code startedAt} until now.
   *
   * @param loss what the source lost, or null
   * @param statusText COMPLETE, or INCOMPLETE with what was lost
   */
  Row row(PolicyRun run, TraceInfo trace, Scenario scenarioSpec, String scenarioDigestValue, ReplayOptions options,
      long startedAt, long finishedAt, long rejectedRows, TraceSource.Loss loss, String statusText) {
    RunIdentity identity = run.identity();
    Policy runPolicy = run.policy();
    return layout.newRow()
        .set(runId, identity.runId())
        .set(replayId, identity.replayId())
        .set(policy, runPolicy.name())
        .set(policyDoc, identity.policyDoc())
        .set(policyDigest, identity.policyDigest())
        .set(scenario, scenarioSpec.name())
        .set(scenarioDoc, ConfigYaml.toYaml(scenarioSpec))
        .set(scenarioDigest, scenarioDigestValue)
        .set(traceId, trace.traceId())
        .set(traceDigest, trace.digest())
        .set(traceVerification, trace.verification())
        .set(host, trace.host())
        .set(engineVersion, EngineVersion.get())
        .set(seed, options.seed())
        .set(intervalNs, options.intervalNs())
        .set(traceStartNs, trace.startNs())
        .set(traceEndNs, trace.endNs())
        .set(startedAtNs, startedAt)
        .set(finishedAtNs, finishedAt)
        .set(accesses, run.accesses())
        .set(pagetableOps, run.pagetableOps())
        .set(pageContents, run.pageContents())
        .set(demandSamples, run.demandSamples())
        .set(rejected, rejectedRows)
        .setNullable(lostEvents, lostEvents(loss))
        .set(status, statusText)
        .set(pacing, options.pacing().spelling());
  }

  /** The lost_events column: 0 when nothing was lost, null when events were lost but how many is unknown. */
  private static Long lostEvents(TraceSource.Loss loss) {
    if (loss == null) {
      return 0L;
    }
    return loss.events() == TraceSource.Loss.UNKNOWN ? null : Long.valueOf(loss.events());
  }
}
