package io.memreplay.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.ReplayOptions;
import io.memreplay.engine.replay.ReplayProgress;
import io.memreplay.engine.replay.ReplayResult;
import io.memreplay.engine.replay.TraceInfo;
import io.memreplay.engine.replay.TraceSource;
import io.memreplay.ingest.parquet.ParquetTraceSource;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How much heap a replay keeps per tracked page: {@code ScaleRun TRACE POLICY[,POLICY...]} replays the trace
 * (results discarded) and, when the trace has been read to its end, while every run still holds its state,
 * collects the garbage and reads the heap in use. Live bytes per tracked page = (that − the heap in use before
 * the replay) / (tracked pages × policies); the batches in flight (a few MB) are counted too. Prints one line
 * of {@code key=value}s for bench/scale.sh. With {@code -Dscale.dump=FILE} it also writes a heap dump of the
 * live objects at that moment, to see where the bytes go.
 */
public final class ScaleRun {

  private ScaleRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ScaleRun TRACE POLICY[,POLICY...]");
      System.exit(2);
    }
    Path traceDir = Path.of(args[0]);
    List<Policy> policies = new ArrayList<>();
    for (String name : args[1].split(",")) {
      policies.add(Policies.builtIn(name));
    }
    Scenario scenario = ConfigYaml.scenario(Files.readString(traceDir.resolve("scenario.yaml")), "scenario.yaml");
    long before = liveHeap();
    MeasuringSource source = new MeasuringSource(new ParquetTraceSource(TraceDataset.open(traceDir)));
    long started = System.nanoTime();
    ReplayResult result = new Replay(source, scenario, policies, ReplayOptions.DEFAULT, new DiscardingOutput(),
        ReplayProgress.NONE).run();
    double seconds = (System.nanoTime() - started) / 1e9;
    long tracked = result.runs().get(0).trackedPages();
    long live = source.liveAtEnd - before;
    System.out.printf("tracked_pages=%d policies=%d live_bytes=%d bytes_per_page=%.1f seconds=%.2f%n", tracked,
        policies.size(), live, live / (double) (tracked * policies.size()), seconds);
  }

  private static long liveHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** A trace source that reads the live heap when its trace has been read to the end. */
  private static final class MeasuringSource implements TraceSource {
    private final TraceSource source;
    long liveAtEnd;

    MeasuringSource(TraceSource source) {
      this.source = source;
    }

    @Override
    public TraceInfo info() {
      return source.info();
    }

    @Override
    public Stream open(RecordScreen screen, Consumer<Reject> rejects) throws IOException {
      Stream stream = source.open(screen, rejects);
      return new Stream() {
        @Override
        public boolean next(TraceBatch batch) throws IOException {
          boolean more = stream.next(batch);
          if (!more) {
            liveAtEnd = liveHeap();
            String dump = System.getProperty("scale.dump");
            if (dump != null) {
              ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump, true);
            }
          }
          return more;
        }

        @Override
        public long rejected() {
          return stream.rejected();
        }

        @Override
        public Loss loss() {
          return stream.loss();
        }

        @Override
        public void close() throws IOException {
          stream.close();
        }
      };
    }
  }
}
