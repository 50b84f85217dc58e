package io.memreplay.ingest.imports;

/** The access a {@link LineParser} read from a line; one instance is refilled line after line. */
final class ParsedAccess {
  /** The virtual address accessed. */
  long address;
  /** Bytes accessed. */
  int bytes;
  /** {@link io.memreplay.schemas.trace.AccessColumns#READ}, {@code WRITE} or {@code EXEC}. */
  byte op;

  void set(long accessAddress, int accessBytes, byte accessOp) {
    address = accessAddress;
    bytes = accessBytes;
    op = accessOp;
  }
}
