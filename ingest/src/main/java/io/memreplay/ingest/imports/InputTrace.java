package io.memreplay.ingest.imports;

import io.memreplay.ingest.imports.compression.CorruptInputException;
import io.memreplay.schemas.avro.Reject;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One input file being imported, as the VM and address space its accesses belong to: read a chunk of
 * lines at a time, each line parsed and handed on as an access or a reject. Counts what its lines were
 * and the pages they touched.
 */
final class InputTrace implements Closeable {

  /** Where the lines of an input go. */
  interface Sink {
    void access(InputTrace from, ParsedAccess access) throws IOException;

    void reject(Reject reject) throws IOException;
  }

  private final String source;
  private final int vm;
  private final int asid;
  private final LineParser parser;
  private final LineReader reader;
  private final LineCursor cursor = new LineCursor();
  private final ParsedAccess access = new ParsedAccess();
  private final Footprint footprint = new Footprint();
  private long accesses;
  private long skipped;
  private long rejected;

  private InputTrace(String source, int vm, int asid, LineParser parser, LineReader reader) {
    this.source = source;
    this.vm = vm;
    this.asid = asid;
    this.parser = parser;
    this.reader = reader;
  }

  /**
   * Opens {@code file}, plain or compressed, whose accesses belong to address space {@code asid} of VM {@code
   * vm}.
   */
  static InputTrace open(Path file, int vm, int asid, LineParser parser) throws IOException, ImportException {
    return new InputTrace(file.toString(), vm, asid, parser, new LineReader(ImportOutput.openInput(file).content()));
  }

  /**
   * Reads up to {@code maxLines} lines into {@code sink}.
   *
   * @return false when the file has no more lines
   * @throws ImportException when the file is compressed and its data is corrupt or cut short
   */
  boolean read(int maxLines, Sink sink) throws IOException, ImportException {
    for (int line = 0; line < maxLines; line++) {
      if (!next()) {
        return false;
      }
      cursor.reset(reader.bytes(), reader.start(), reader.end());
      LineParser.Outcome outcome;
      if (reader.overlong()) {
        cursor.fail("the line is longer than " + reader.bytes().length + " bytes");
        outcome = LineParser.Outcome.MALFORMED;
      } else {
        outcome = parser.parse(cursor, access);
      }
      switch (outcome) {
        case ACCESS -> {
          accesses++;
          footprint.touch(access.address, access.bytes);
          sink.access(this, access);
        }
        case SKIPPED -> skipped++;
        case MALFORMED -> {
          rejected++;
          sink.reject(reject());
        }
      }
    }
    return true;
  }

  private boolean next() throws IOException, ImportException {
    try {
      return reader.next();
    } catch (CorruptInputException e) {
      throw ImportOutput.corruptAfter(e, reader.lineNumber());
    }
  }

  /** The current line as a reject; {@code position} is its line number, from 1. */
  private Reject reject() {
    // no more bytes decoded than the reject keeps characters
    int length = Math.min(reader.end() - reader.start(), InputRejects.RECORD_CHARS);
    String text = new String(reader.bytes(), reader.start(), length, StandardCharsets.UTF_8);
    return InputRejects.of(source, reader.lineNumber(), InputRejects.LINE, vm, cursor.problem(), text);
  }

  /** The file as it was named, which rejects and messages use. */
  String source() {
    return source;
  }

  int vm() {
    return vm;
  }

  int asid() {
    return asid;
  }

  long lines() {
    return reader.lineNumber();
  }

  long accesses() {
    return accesses;
  }

  long skipped() {
    return skipped;
  }

  long rejected() {
    return rejected;
  }

  /** Distinct 4 KB pages touched. */
  long pages() {
    return footprint.pages();
  }

  ImportSummary.FileSummary summary() {
    return new ImportSummary.FileSummary(source, vm, asid, lines(), accesses, skipped, rejected, pages());
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
