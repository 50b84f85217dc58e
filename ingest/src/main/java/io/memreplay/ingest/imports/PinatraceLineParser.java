package io.memreplay.ingest.imports;

import io.memreplay.schemas.trace.AccessColumns;

/**
 * The lines of Intel Pin's {@code pinatrace} example tool: the instruction address, the op and the data
 * address, both as C's {@code %p} prints them.
 *
 * <pre>
 * 0x401000: W 0x7ffd5a3c1e08     store: WRITE
 * 0x401004: R 0x601040           load: READ
 * #eof                           written when the program ends
 * </pre>
 *
 * pinatrace records no size, so every access is taken as {@value #ASSUMED_BYTES} bytes, a 64-bit word;
 * one at an address within 7 bytes of a page's end therefore touches the next page too. The instruction
 * address is checked but not recorded: pinatrace traces data accesses only, not instruction fetches.
 *
 * <p>Skipped, not rejected: lines starting with {@code #} (comments, and the final {@code #eof}, so a
 * truncated trace without it reads the same) and blank lines. Leading and trailing blanks are ignored.
 */
final class PinatraceLineParser implements LineParser {

  /** The bytes of an access whose size the trace does not say: a 64-bit word. */
  static final int ASSUMED_BYTES = 8;

  private static final String OPS = "RW";
  private static final byte[] OP_OF = {AccessColumns.READ, AccessColumns.WRITE};

  @Override
  public Outcome parse(LineCursor line, ParsedAccess access) {
    line.skipBlanks();
    if (line.atEnd() || line.startsWith('#')) {
      return Outcome.SKIPPED;
    }
    line.prefixedHex("instruction address");
    line.expect(':', "after the instruction address");
    line.blanks("after ':'");
    int op = line.oneOf(OPS, "an op");
    line.blanks("after the op");
    long address = line.prefixedHex("address");
    line.expectEnd();
    if (line.failed()) {
      return Outcome.MALFORMED;
    }
    access.set(address, ASSUMED_BYTES, OP_OF[op]);
    return Outcome.ACCESS;
  }
}
