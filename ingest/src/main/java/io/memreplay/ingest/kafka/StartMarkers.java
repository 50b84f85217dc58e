package io.memreplay.ingest.kafka;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.replay.ReplayProgress;
import io.memreplay.engine.replay.ReplayRefusedException;
import io.memreplay.engine.replay.TraceInfo;
import io.memreplay.schemas.avro.TraceStart;
import io.memreplay.schemas.avro.TraceVm;
import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.kafka.TraceMessageException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns a host's start marker into the episode it begins: a {@link HostReplay} ready to start, or, when the
 * marker cannot be used (it does not decode, disagrees with its key, brings no usable scenario, or the
 * replay would exceed the worker's limits), an {@link UnreplayedTrace} that rejects the host's messages up
 * to its end marker.
 */
final class StartMarkers {

  /** A start marker's digest is what its publisher says; {@code memreplay publish} verifies each dataset in full first. */
  static final String PUBLISHER = "publisher";

  private final WorkerSettings settings;
  private final ResultsSink results;
  private final DeadLetters deadLetters;
  private final ReplayProgress progress;
  private final Consumer<HostReplay> onDone;

  StartMarkers(WorkerSettings settings, ResultsSink results, DeadLetters deadLetters, ReplayProgress progress,
      Consumer<HostReplay> onDone) {
    this.settings = settings;
    this.results = results;
    this.deadLetters = deadLetters;
    this.progress = progress;
    this.onDone = onDone;
  }

  Episode begin(String host, TopicPartition partition, ConsumerRecord<byte[], byte[]> record,
      TraceMessageCodec.Header header) {
    String where = "the start marker of host " + host + " (partition " + record.partition() + ", offset " + record.offset() + ")";
    TraceStart start;
    Scenario scenario;
    TraceInfo info;
    boolean endKnown;
    try {
      start = TraceMessageCodec.readStart(record.value());
      if (header.sequence() != 0) {
        throw new ConfigException(where + " has sequence number " + header.sequence() + "; a start marker's is 0");
      }
      if (!host.equals(start.getHost())) {
        throw new ConfigException(where + " names host '" + start.getHost() + "'; the record key and the marker must agree");
      }
      if (start.getFormatVersion() != 1) {
        throw new ConfigException(where + " has format version " + start.getFormatVersion() + "; this memreplay reads 1");
      }
      scenario = scenarioOf(start, where);
      info = infoOf(start, host);
      endKnown = start.getEndNs() != null;
      settings.limits().check(info, endKnown, scenario, settings.policies().size(), settings.options());
    } catch (TraceMessageException | ConfigException | ReplayRefusedException e) {
      UnreplayedTrace unusable = new UnreplayedTrace(host, partition, record.offset(),
          "the start marker of this trace (offset " + record.offset() + ") could not be used: " + e.getMessage(),
          e.getMessage() + "; the host's trace was not replayed");
      unusable.reject(record, e.getMessage(), deadLetters);
      return unusable;
    }
    long lastNs = endKnown ? start.getEndNs() : settings.limits().lastNs(start.getStartNs(), settings.options().intervalNs());
    String span = endKnown ? "the start marker's start_ns and end_ns"
        : "the start marker's start_ns and the " + settings.limits().maxIntervals() + " intervals a replay may produce";
    HostTraceSource source = new HostTraceSource(info, lastNs, span, deadLetters);
    return new HostReplay(host, partition, record.offset(), source, scenario,
        settings.policies(), settings.options(), results, progress, onDone);
  }

  /** What the start marker says about the trace; its end is its start until the end marker says otherwise. */
  private static TraceInfo infoOf(TraceStart start, String host) {
    return new TraceInfo(start.getTraceId(), start.getDigest(), PUBLISHER, start.getDigest(), host,
        start.getVms().stream().map(TraceVm::getId).toList(), start.getStartNs(),
        start.getEndNs() != null ? start.getEndNs() : start.getStartNs(),
        start.getEvents() != null ? start.getEvents() : -1);
  }

  /** The scenario given to the worker, else the one the marker carries. */
  private Scenario scenarioOf(TraceStart start, String where) throws ConfigException {
    if (settings.scenario() != null) {
      return settings.scenario();
    }
    if (start.getScenarioYaml() == null) {
      throw new ConfigException(where + " carries no scenario, and none was given (--scenario)");
    }
    return ConfigYaml.scenario(start.getScenarioYaml(), "the scenario in " + where);
  }
}
