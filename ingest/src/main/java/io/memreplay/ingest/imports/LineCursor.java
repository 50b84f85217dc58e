package io.memreplay.ingest.imports;

import java.util.Arrays;

/**
 * Reads the fields of one text line from its bytes, left to right, by hand: hex and decimal numbers,
 * literal characters, blanks. The first step that does not find what it expects records the problem,
 * and every later step does nothing, so a parser reads like the grammar of its line and asks {@link
 * #failed()} once at the end. Reused line after line; it allocates only to describe a problem.
 */
final class LineCursor {

  /** A long holds 16 hex digits. */
  private static final int MAX_HEX_DIGITS = 16;
  /** More digits than any size in a trace line needs, few enough that the value fits an int. */
  private static final int MAX_DECIMAL_DIGITS = 9;
  /** What each byte is worth as a hex digit, -1 when it is none. */
  private static final byte[] HEX_VALUE = new byte[256];

  static {
    Arrays.fill(HEX_VALUE, (byte) -1);
    for (int digit = 0; digit < 10; digit++) {
      HEX_VALUE['0' + digit] = (byte) digit;
    }
    for (int digit = 0; digit < 6; digit++) {
      HEX_VALUE['a' + digit] = (byte) (10 + digit);
      HEX_VALUE['A' + digit] = (byte) (10 + digit);
    }
  }

  private byte[] bytes;
  private int position;
  private int end;
  private String problem;

  /** Starts reading the line {@code [start, end)} of {@code bytes}. */
  void reset(byte[] lineBytes, int start, int lineEnd) {
    bytes = lineBytes;
    position = start;
    end = lineEnd;
    problem = null;
  }

  /** Whether the rest of the line starts with {@code first} then {@code second}. */
  boolean startsWith(char first, char second) {
    return position + 1 < end && bytes[position] == first && bytes[position + 1] == second;
  }

  /** Whether the rest of the line starts with {@code c}. */
  boolean startsWith(char c) {
    return position < end && bytes[position] == c;
  }

  boolean atEnd() {
    return position >= end;
  }

  /** Skips spaces and tabs, if any. */
  void skipBlanks() {
    while (position < end && isBlank(bytes[position])) {
      position++;
    }
  }

  /** Skips one or more spaces or tabs, which must be there. */
  void blanks(String where) {
    if (problem != null) {
      return;
    }
    if (position >= end || !isBlank(bytes[position])) {
      fail("expected a space " + where + ", found " + found());
      return;
    }
    skipBlanks();
  }

  /**
   * Takes the next character, which must be one of {@code allowed}, and returns its index there (0 when
   * it fails).
   */
  int oneOf(String allowed, String what) {
    if (problem != null) {
      return 0;
    }
    int index = position < end ? allowed.indexOf(bytes[position]) : -1;
    if (index < 0) {
      fail("expected " + what + " (" + String.join(", ", allowed.split("")) + "), found " + found());
      return 0;
    }
    position++;
    return index;
  }

  /** Takes {@code c}, which must come next. */
  void expect(char c, String what) {
    if (problem != null) {
      return;
    }
    if (position >= end || bytes[position] != c) {
      fail("expected '" + c + "' " + what + ", found " + found());
      return;
    }
    position++;
  }

  /** Reads an unsigned hex number of 1 to 16 digits, without a prefix; 0 when it fails. */
  long hex(String field) {
    if (problem != null) {
      return 0;
    }
    int first = position;
    long value = 0;
    int digit;
    while (position < end && (digit = HEX_VALUE[bytes[position] & 0xff]) >= 0) {
      value = value << 4 | digit;
      position++;
    }
    int digits = position - first;
    if (digits == 0) {
      fail("expected the " + field + " in hex, found " + found());
    } else if (digits > MAX_HEX_DIGITS) {
      fail("the " + field + " has " + digits + " hex digits, more than 64 bits");
    }
    return value;
  }

  /** Reads a hex number written with a {@code 0x} prefix, as C's {@code %p} prints pointers; 0 when it fails. */
  long prefixedHex(String field) {
    if (problem != null) {
      return 0;
    }
    if (!startsWith('0', 'x')) {
      fail("expected the " + field + " as 0x and hex digits, found " + found());
      return 0;
    }
    position += 2;
    return hex(field);
  }

  /** Reads an unsigned decimal number of 1 to 9 digits; 0 when it fails. */
  int decimal(String field) {
    if (problem != null) {
      return 0;
    }
    int first = position;
    int value = 0;
    while (position < end && bytes[position] >= '0' && bytes[position] <= '9') {
      value = value * 10 + (bytes[position] - '0');
      position++;
    }
    int digits = position - first;
    if (digits == 0) {
      fail("expected the " + field + " in decimal, found " + found());
    } else if (digits > MAX_DECIMAL_DIGITS) {
      fail("the " + field + " has " + digits + " digits, too large");
    }
    return value;
  }

  /** Only blanks may follow. */
  void expectEnd() {
    if (problem != null) {
      return;
    }
    skipBlanks();
    if (position < end) {
      fail("unexpected " + found() + " after the last field");
    }
  }

  /** Records {@code why} the line cannot be used, unless an earlier step already did. */
  void fail(String why) {
    if (problem == null) {
      problem = why;
    }
  }

  boolean failed() {
    return problem != null;
  }

  /** The first problem found in the line, or null. */
  String problem() {
    return problem;
  }

  /** The character at the cursor, for messages. */
  private String found() {
    if (position >= end) {
      return "the end of the line";
    }
    int c = bytes[position] & 0xff;
    return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }
}
