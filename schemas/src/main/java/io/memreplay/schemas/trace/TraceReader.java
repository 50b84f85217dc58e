package io.memreplay.schemas.trace;

import io.memreplay.schemas.avro.Reject;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams a trace dataset as {@link TraceBatch}es in time order, merging its record kinds. Each kind is
 * decoded a chunk at a time from its files; rows that cannot be used (a null where a value is needed, an
 * unknown enum symbol, an invalid value, a timestamp earlier than its predecessor or outside the
 * manifest's span, what the {@link RecordScreen} refuses) are not delivered but handed to the reject
 * listener with the file, row and reason. A file that cannot be opened or is corrupt part way is given up
 * and its remaining rows counted as lost; the other files are read on.
 */
public final class TraceReader implements Closeable {

  /** What the reader accepts and where rejected rows go. */
  public static final class Options {
    private RecordScreen screen = RecordScreen.anyVm();
    private Consumer<Reject> rejects = reject -> {};
    private int chunkRows = 1 << 13;

    /** Only rows {@code screen} passes are delivered; others are rejected with its reason. */
    public Options screen(RecordScreen screen) {
      this.screen = screen;
      return this;
    }

    public Options rejects(Consumer<Reject> listener) {
      this.rejects = listener;
      return this;
    }

    /** Rows decoded per kind at a time; small enough to stay in cache, large enough to amortize calls. */
    public Options chunkRows(int rows) {
      this.chunkRows = rows;
      return this;
    }
  }

  private final Options options;
  private final List<KindStream> streams = new ArrayList<>();
  private final List<String> losses = new ArrayList<>();
  private long delivered;
  private long rejected;
  private long lostEvents;

  TraceReader(TraceDataset dataset, Options options) {
    this.options = options;
    TraceManifest manifest = dataset.manifest();
    // the manifest's span bounds the replay's work: a row outside it is not the trace the manifest describes
    RecordScreen screen = options.screen.within(manifest.startNs(), manifest.endNs(), "the manifest's start_ns and end_ns");
    for (RecordKind kind : RecordKind.values()) {
      if (!dataset.files(kind).isEmpty()) {
        streams.add(new KindStream(dataset, kind, new KindScreen(screen, "(the table must be sorted by ts_ns)")));
      }
    }
  }

  /** Events delivered so far, of all kinds. */
  public long delivered() {
    return delivered;
  }

  /** Rows rejected so far, of all kinds. */
  public long rejected() {
    return rejected;
  }

  /** Rows of files that could not be opened or read to their end: neither delivered nor rejected. */
  public long lostEvents() {
    return lostEvents;
  }

  /** For each file given up, which and why, with the rows it lost. */
  public List<String> losses() {
    return List.copyOf(losses);
  }

  /**
   * Fills {@code batch} with the next events in time order, until one of its blocks is full or the trace
   * ends.
   *
   * @return false when the trace has no more events (the batch is then empty)
   */
  public boolean next(TraceBatch batch) throws IOException {
    batch.clear();
    while (!batch.anyFull()) {
      KindStream first = null;
      KindStream second = null;
      for (KindStream stream : streams) {
        if (!stream.ensure()) {
          continue;
        }
        if (first == null || stream.before(first)) {
          second = first;
          first = stream;
        } else if (second == null || stream.before(second)) {
          second = stream;
        }
      }
      if (first == null) {
        break;
      }
      Columns target = batch.columns(first.kind);
      int n = second == null
          ? Math.min(first.available(), target.remaining())
          : first.countBefore(second.headTs(), second.kind, target.remaining());
      target.append(first.buffer, first.position, n);
      first.position += n;
      delivered += n;
    }
    return !batch.isEmpty();
  }

  @Override
  public void close() throws IOException {
    for (KindStream stream : streams) {
      stream.close();
    }
  }

  /** One record kind: its files in order, a decoded chunk, and the last delivered timestamp. */
  private final class KindStream {
    final TraceDataset dataset;
    final RecordKind kind;
    final List<TraceManifest.FileEntry> files;
    final Columns buffer;
    final KindScreen screen;
    int fileIndex = -1;
    ColumnarFileReader file;
    int position;

    KindStream(TraceDataset dataset, RecordKind kind, KindScreen screen) {
      this.dataset = dataset;
      this.kind = kind;
      this.files = dataset.files(kind);
      this.buffer = kind.newColumns(options.chunkRows);
      this.screen = screen;
    }

    long headTs() {
      return buffer.tsNs[position];
    }

    int available() {
      return buffer.size() - position;
    }

    /** Whether this stream's next event replays before {@code other}'s. */
    boolean before(KindStream other) {
      long ts = headTs();
      long otherTs = other.headTs();
      return ts < otherTs || (ts == otherTs && kind.ordinal() < other.kind.ordinal());
    }

    /** Rows from the head that replay before an event of {@code otherKind} at {@code otherTs}, up to {@code max}. */
    int countBefore(long otherTs, RecordKind otherKind, int max) {
      long[] ts = buffer.tsNs;
      int limit = Math.min(buffer.size(), position + max);
      boolean tieFirst = kind.ordinal() < otherKind.ordinal();
      int i = position;
      while (i < limit && (ts[i] < otherTs || (tieFirst && ts[i] == otherTs))) {
        i++;
      }
      return i - position;
    }

    /**
     * Makes sure a decoded row is waiting; false when the kind is exhausted. A file that cannot be opened or
     * read further is given up: its remaining rows are lost (see {@link TraceReader#lostEvents}), and reading
     * goes on with the next file.
     */
    boolean ensure() throws IOException {
      while (position == buffer.size()) {
        buffer.clear();
        position = 0;
        if (file == null && !openNextFile()) {
          return false;
        }
        if (file == null) {
          continue;
        }
        long firstRow = file.position();
        int n;
        try {
          n = file.read(buffer, options.chunkRows);
        } catch (TraceFormatException e) {
          buffer.clear();
          lose(e.getMessage(), file.position());
          continue;
        }
        if (n == 0) {
          file.close();
          file = null;
          continue;
        }
        screen(firstRow);
      }
      return true;
    }

    /** Moves to the next file; false when there is none. Leaves {@link #file} null when it cannot be opened. */
    private boolean openNextFile() throws IOException {
      if (fileIndex + 1 >= files.size()) {
        return false;
      }
      fileIndex++;
      String name = files.get(fileIndex).name();
      try {
        file = ColumnarFileReader.open(dataset.file(kind, name), TraceDataset.source(kind, name), kind);
      } catch (TraceFormatException e) {
        lose(e.getMessage(), 0);
      }
      return true;
    }

    /** Gives up the current file after {@code rowsRead} rows: the rest of the rows the manifest lists are lost. */
    private void lose(String problem, long rowsRead) throws IOException {
      long lost = Math.max(0, files.get(fileIndex).events() - rowsRead);
      lostEvents += lost;
      losses.add(problem + ": " + String.format(Locale.ROOT, "%,d", lost) + " of its rows were not read");
      if (file != null) {
        file.close();
        file = null;
      }
    }

    /** Rejects the rows of the fresh chunk that cannot be replayed, and removes them. */
    private void screen(long firstRow) {
      Map<Integer, String> decodeProblems = new HashMap<>();
      for (RowProblems.Problem problem : file.drainProblems()) {
        decodeProblems.merge((int) (problem.row() - firstRow), problem.reason(), (a, b) -> a + "; " + b);
      }
      screen.screen(buffer, decodeProblems.isEmpty() ? null : decodeProblems::get,
          (index, reason) -> reject(firstRow + index, index, reason));
    }

    private void reject(long row, int index, String reason) {
      rejected++;
      long ts = buffer.tsNs[index];
      options.rejects.accept(Reject.newBuilder()
          .setReplayId("")
          .setSource(file.source())
          .setPartition(null)
          .setPosition(row)
          .setKind(kind.table())
          .setTsNs(ts == Columns.NULL ? null : ts)
          .setVm(buffer.vm[index])
          .setReason(reason)
          .setRecord(buffer.describe(index))
          .build());
    }

    void close() throws IOException {
      if (file != null) {
        file.close();
        file = null;
      }
    }
  }
}
