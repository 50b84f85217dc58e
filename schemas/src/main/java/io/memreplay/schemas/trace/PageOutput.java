package io.memreplay.schemas.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;

/**
 * The bytes a page encoder writes: a growable array, reused for every page, so that encoding a page
 * allocates nothing once the array has grown to the size of a page.
 */
final class PageOutput {

  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes = new byte[4096];
  private int length;

  /** Starts a new page, dropping the bytes of the last one. */
  void reset() {
    length = 0;
  }

  /** The bytes written since the last reset, valid until the next. */
  BytesInput bytes() {
    return BytesInput.from(bytes, 0, length);
  }

  void writeByte(int value) {
    ensure(1);
    bytes[length++] = (byte) value;
  }

  void write(byte[] data) {
    ensure(data.length);
    System.arraycopy(data, 0, bytes, length, data.length);
    length += data.length;
  }

  /** The low {@code count} bytes of {@code value}, least significant first. */
  void writeLittleEndian(long value, int count) {
    ensure(Long.BYTES);
    LONG_LE.set(bytes, length, value); // all eight: those past count lie beyond the end, for the next write
    length += count;
  }

  void writeUnsignedVarLong(long value) {
    while ((value & ~0x7FL) != 0) {
      writeByte((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    writeByte((int) value);
  }

  void writeZigZagVarLong(long value) {
    writeUnsignedVarLong(value << 1 ^ value >> 63);
  }

  /** Leaves {@code count} zero bytes to fill in later with {@link #set}; returns where they start. */
  int skip(int count) {
    ensure(count);
    Arrays.fill(bytes, length, length + count, (byte) 0);
    length += count;
    return length - count;
  }

  void set(int position, int value) {
    bytes[position] = (byte) value;
  }

  private void ensure(int count) {
    if (length + count > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
    }
  }
}
