package io.memreplay.ingest.imports;

import io.memreplay.schemas.trace.AccessColumns;

/**
 * The lines of valgrind's lackey tool with {@code --trace-mem=yes} ({@code lackey/lk_main.c}):
 *
 * <pre>
 * I  0023C790,2     instruction fetch of 2 bytes at 0x0023C790: EXEC
 *  L BE801950,4     load: READ
 *  S BE80199C,4     store: WRITE
 *  M 0025747C,1     modify: one WRITE
 * </pre>
 *
 * The address is hex without {@code 0x} (lackey pads it to at least 8 digits; any 1 to 16 are read), the
 * size decimal. A modify is a load and a store of the same bytes by one instruction (e.g. {@code inc}
 * of a memory operand): it becomes one WRITE record, i.e. one translation, as the store finds the TLB
 * entry the load brought in; the page is written, which is what the engine needs to know.
 *
 * <p>Skipped, not rejected: valgrind's own messages ({@code ==PID== ...} when the trace went to the log,
 * as with {@code --log-file}; {@code --} lines), {@code --trace-superblocks=yes}'s {@code SB} lines, and
 * blank lines. Leading blanks and trailing blanks are ignored.
 */
final class LackeyLineParser implements LineParser {

  /**
   * Lackey never prints more than 512 bytes (its {@code MAX_DSIZE}); the engine's page model counts at
   * most the page an access starts in and the next, so a larger size could not be replayed faithfully.
   */
  static final int MAX_ACCESS_BYTES = AccessColumns.MAX_BYTES;

  private static final String OPS = "ILSM";
  private static final byte[] OP_OF = {AccessColumns.EXEC, AccessColumns.READ, AccessColumns.WRITE, AccessColumns.WRITE};

  @Override
  public Outcome parse(LineCursor line, ParsedAccess access) {
    if (line.startsWith('=', '=') || line.startsWith('-', '-') || line.startsWith('S', 'B')) {
      return Outcome.SKIPPED;
    }
    line.skipBlanks();
    if (line.atEnd()) {
      return Outcome.SKIPPED;
    }
    int op = line.oneOf(OPS, "an op");
    line.blanks("after the op");
    long address = line.hex("address");
    line.expect(',', "between the address and the size");
    int bytes = line.decimal("size");
    line.expectEnd();
    if (!line.failed() && (bytes == 0 || bytes > MAX_ACCESS_BYTES)) {
      line.fail("size " + bytes + " is outside 1.." + MAX_ACCESS_BYTES + " bytes");
    }
    if (line.failed()) {
      return Outcome.MALFORMED;
    }
    access.set(address, bytes, OP_OF[op]);
    return Outcome.ACCESS;
  }
}
