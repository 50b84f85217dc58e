package io.memreplay.schemas.kafka;

/**
 * Reads Avro binary encoding from a byte array, whole arrays at a time straight into primitive column
 * arrays. Every read checks the bounds, so truncated or corrupt input ends in a {@link
 * TraceMessageException} saying where, never in an index error or a runaway allocation.
 */
public final class AvroBinaryReader {

  /** The longest varint: 64 bits in groups of 7. */
  private static final int MAX_VARINT_BYTES = 10;

  private final byte[] buffer;
  private final int limit;
  private int position;

  public AvroBinaryReader(byte[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.position = offset;
    this.limit = offset + length;
  }

  public int position() {
    return position;
  }

  public boolean atEnd() {
    return position == limit;
  }

  public boolean readBoolean() throws TraceMessageException {
    require(1);
    byte value = buffer[position++];
    if (value != 0 && value != 1) {
      throw new TraceMessageException("a boolean at byte " + (position - 1) + " is " + value + ", not 0 or 1");
    }
    return value == 1;
  }

  public long readLong() throws TraceMessageException {
    long raw = 0;
    int shift = 0;
    int at = position;
    while (true) {
      if (at >= limit) {
        throw truncated(at);
      }
      byte b = buffer[at++];
      raw |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
      shift += 7;
      if (shift > 63) {
        throw new TraceMessageException("a varint at byte " + position + " is longer than 10 bytes");
      }
    }
    position = at;
    return (raw >>> 1) ^ -(raw & 1);
  }

  /**
   * {@link #readLong} where at least {@link #MAX_VARINT_BYTES} bytes remain, so no byte needs a bounds
   * check: the loop of whole columns, where most varints are one to seven bytes.
   */
  private long readLongUnchecked() throws TraceMessageException {
    byte[] bytes = buffer;
    int at = position;
    int b = bytes[at++];
    long raw = b & 0x7F;
    int shift = 7;
    while (b < 0) {
      if (shift > 63) {
        throw new TraceMessageException("a varint at byte " + position + " is longer than 10 bytes");
      }
      b = bytes[at++];
      raw |= (long) (b & 0x7F) << shift;
      shift += 7;
    }
    position = at;
    return (raw >>> 1) ^ -(raw & 1);
  }

  public int readInt() throws TraceMessageException {
    int at = position;
    long value = readLong();
    if (value != (int) value) {
      throw new TraceMessageException("an int at byte " + at + " is " + value + ", outside the 32-bit range");
    }
    return (int) value;
  }

  /**
   * Reads an Avro {@code array<long>} into {@code into[from, from + capacity)}.
   *
   * @return the number of items
   */
  public int readLongArray(long[] into, int from, int capacity) throws TraceMessageException {
    int count = 0;
    for (int block = readBlockCount(); block != 0; block = readBlockCount()) {
      requireRoom(count, block, capacity);
      int end = from + count + block;
      for (int i = from + count; i < end; i++) {
        into[i] = limit - position >= MAX_VARINT_BYTES ? readLongUnchecked() : readLong();
      }
      count += block;
    }
    return count;
  }

  /** Reads an Avro {@code array<int>} into {@code into[from, from + capacity)}; returns the number of items. */
  public int readIntArray(int[] into, int from, int capacity) throws TraceMessageException {
    int count = 0;
    for (int block = readBlockCount(); block != 0; block = readBlockCount()) {
      requireRoom(count, block, capacity);
      int end = from + count + block;
      for (int i = from + count; i < end; i++) {
        long value = limit - position >= MAX_VARINT_BYTES ? readLongUnchecked() : readLong();
        if (value != (int) value) {
          throw new TraceMessageException("an int before byte " + position + " is " + value + ", outside the 32-bit range");
        }
        into[i] = (int) value;
      }
      count += block;
    }
    return count;
  }

  /** Reads Avro {@code bytes} into {@code into[from, from + capacity)}; returns their length. */
  public int readBytes(byte[] into, int from, int capacity) throws TraceMessageException {
    int length = readLength();
    requireRoom(0, length, capacity);
    System.arraycopy(buffer, position, into, from, length);
    position += length;
    return length;
  }

  /** Reads Avro {@code bytes} of 0s and 1s as booleans; returns their number. */
  public int readBytesAsBooleans(boolean[] into, int from, int capacity) throws TraceMessageException {
    int length = readLength();
    requireRoom(0, length, capacity);
    for (int i = 0; i < length; i++) {
      byte value = buffer[position + i];
      if (value != 0 && value != 1) {
        throw new TraceMessageException("byte " + i + " of a boolean column is " + value + ", not 0 or 1");
      }
      into[from + i] = value == 1;
    }
    position += length;
    return length;
  }

  /** Skips an Avro {@code string} or {@code bytes}. */
  public void skipBytes() throws TraceMessageException {
    position += readLength();
  }

  private int readLength() throws TraceMessageException {
    int at = position;
    long length = readLong();
    if (length < 0 || length > limit - position) {
      throw new TraceMessageException("a length at byte " + at + " is " + length + " but " + (limit - position)
          + " bytes remain");
    }
    return (int) length;
  }

  /** The item count of the next array block; a negative count is followed by the block's size in bytes. */
  private int readBlockCount() throws TraceMessageException {
    int at = position;
    long count = readLong();
    if (count < 0) {
      count = -count;
      readLong();
    }
    // each item takes at least one byte: a larger count is corrupt, and must not size anything
    if (count > limit - position) {
      throw new TraceMessageException("an array block at byte " + at + " claims " + count + " items but "
          + (limit - position) + " bytes remain");
    }
    return (int) count;
  }

  private static void requireRoom(int count, long more, int capacity) throws TraceMessageException {
    if (count + more > capacity) {
      throw new TraceMessageException("a column holds more than " + capacity + " values");
    }
  }

  private void require(int bytes) throws TraceMessageException {
    if (limit - position < bytes) {
      throw truncated(position);
    }
  }

  private TraceMessageException truncated(int at) {
    return new TraceMessageException("the message ends at byte " + at + " in the middle of a value");
  }
}
