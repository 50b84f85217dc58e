package io.memreplay.ingest.parquet;

import io.memreplay.engine.replay.TraceInfo;
import io.memreplay.engine.replay.TraceSource;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceManifest;
import io.memreplay.schemas.trace.TraceReader;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A replay's events from a trace dataset on disk. What the trace is comes from its manifest; the events
 * come from a {@link TraceReader}, which decodes the Parquet files straight into batches and hands rows it
 * cannot use to the reject listener. A file that cannot be read (possible when the dataset was opened
 * without verification) loses its rows, which makes the replay incomplete. Each {@link #open} reads the
 * trace again from its first event.
 */
public final class ParquetTraceSource implements TraceSource {

  private final TraceDataset dataset;
  private final TraceInfo info;

  /**
   * A source over {@code dataset}, opened and checked with {@link TraceDataset#openDigestingAlongside} (or
   * {@link TraceDataset#open}); its runs are named by the dataset's identity, which says how far it was
   * checked.
   */
  public ParquetTraceSource(TraceDataset dataset) {
    this.dataset = dataset;
    TraceManifest manifest = dataset.manifest();
    this.info = new TraceInfo(manifest.traceId(), manifest.digest(), dataset.verification().label(), dataset.identity(),
        manifest.host(),
        manifest.vms().stream().map(TraceManifest.Vm::id).toList(), manifest.startNs(), manifest.endNs(),
        manifest.totalEvents());
  }

  @Override
  public TraceInfo info() {
    return info;
  }

  @Override
  public Stream open(RecordScreen screen, Consumer<Reject> rejects) {
    TraceReader reader = dataset.reader(new TraceReader.Options().screen(screen).rejects(rejects));
    return new ReaderStream(dataset, reader);
  }

  /**
   * A reader seen as a stream of the replay's. Its end is reached only with the files as they were verified:
   * a file changed while it was read, or whose digest checked alongside turns out wrong, fails the replay,
   * which publishes nothing.
   */
  private record ReaderStream(TraceDataset dataset, TraceReader reader) implements Stream {
    @Override
    public boolean next(TraceBatch batch) throws IOException {
      dataset.requireNotRefuted();
      if (reader.next(batch)) {
        return true;
      }
      dataset.requireVerified();
      return false;
    }

    @Override
    public long rejected() {
      return reader.rejected();
    }

    @Override
    public Loss loss() {
      if (reader.losses().isEmpty()) {
        return null;
      }
      return new Loss(reader.lostEvents(), String.format(Locale.ROOT, "%,d events lost: ", reader.lostEvents())
          + String.join("; ", reader.losses()));
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
