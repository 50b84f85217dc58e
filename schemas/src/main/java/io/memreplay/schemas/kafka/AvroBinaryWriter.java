package io.memreplay.schemas.kafka;

import java.util.Arrays;

/**
 * Appends Avro binary encoding to a growable byte array: zig-zag varints for int and long, length-prefixed
 * bytes, and arrays of primitives as one block. Written for whole columns at a time, so the hot loops sit
 * here and not behind Avro's per-datum encoder.
 */
public final class AvroBinaryWriter {

  /** The longest varint: 64 bits in groups of 7. */
  private static final int MAX_VARINT_BYTES = 10;

  private byte[] buffer;
  private int size;

  public AvroBinaryWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  public void reset() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** A copy of what was written: the value of one Kafka record. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  public void writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  public void writeBoolean(boolean value) {
    ensure(1);
    buffer[size++] = (byte) (value ? 1 : 0);
  }

  public void writeLong(long value) {
    ensure(MAX_VARINT_BYTES);
    size = putVarint(buffer, size, (value << 1) ^ (value >> 63));
  }

  public void writeInt(int value) {
    writeLong(value);
  }

  /** An Avro {@code array<long>} of {@code values[from, from + count)}, as one block. */
  public void writeLongArray(long[] values, int from, int count) {
    writeBlockCount(count);
    ensure(count * MAX_VARINT_BYTES + MAX_VARINT_BYTES);
    byte[] out = buffer;
    int at = size;
    for (int i = from, end = from + count; i < end; i++) {
      long v = values[i];
      at = putVarint(out, at, (v << 1) ^ (v >> 63));
    }
    size = at;
    writeLong(0);
  }

  /** An Avro {@code array<int>} of {@code values[from, from + count)}, as one block. */
  public void writeIntArray(int[] values, int from, int count) {
    writeBlockCount(count);
    ensure(count * 5 + MAX_VARINT_BYTES);
    byte[] out = buffer;
    int at = size;
    for (int i = from, end = from + count; i < end; i++) {
      int v = values[i];
      at = putVarint(out, at, ((long) v << 1) ^ ((long) v >> 63));
    }
    size = at;
    writeLong(0);
  }

  /** Avro {@code bytes}: the length, then {@code values[from, from + count)}. */
  public void writeBytes(byte[] values, int from, int count) {
    writeLong(count);
    ensure(count);
    System.arraycopy(values, from, buffer, size, count);
    size += count;
  }

  /** Avro {@code bytes} holding one byte per value, 1 for true and 0 for false. */
  public void writeBooleansAsBytes(boolean[] values, int from, int count) {
    writeLong(count);
    ensure(count);
    for (int i = 0; i < count; i++) {
      buffer[size + i] = (byte) (values[from + i] ? 1 : 0);
    }
    size += count;
  }

  /** The block of {@code count} items; every array then ends with a block of count 0, and an empty array is only that. */
  private void writeBlockCount(int count) {
    if (count > 0) {
      writeLong(count);
    }
  }

  private static int putVarint(byte[] out, int at, long zigzag) {
    while ((zigzag & ~0x7FL) != 0) {
      out[at++] = (byte) ((zigzag & 0x7F) | 0x80);
      zigzag >>>= 7;
    }
    out[at++] = (byte) zigzag;
    return at;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
