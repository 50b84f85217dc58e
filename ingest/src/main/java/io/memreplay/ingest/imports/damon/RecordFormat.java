package io.memreplay.ingest.imports.damon;

import java.io.IOException;
import java.io.InputStream;

/**
 * The form a {@code damo record} file is in, told by its first bytes: {@code json_compressed} (zlib, damo's
 * default), {@code json}, {@code perf_script} (text), or the two memreplay does not read: {@code perf_data}
 * (perf's binary {@code PERFILE2}) and damo's old binary {@code record} format.
 */
enum RecordFormat {
  JSON_COMPRESSED("json_compressed"),
  JSON("json"),
  PERF_SCRIPT("perf_script"),
  PERF_DATA("perf_data"),
  OLD_BINARY("record");

  /** Enough to tell them apart. */
  static final int HEAD_BYTES = 16;

  private final String label;

  RecordFormat(String label) {
    this.label = label;
  }

  /** damo's name of the form ({@code --output_type}). */
  String label() {
    return label;
  }

  /** The form of a stream, from its first bytes; the stream must support mark and reset. */
  static RecordFormat of(InputStream in) throws IOException {
    in.mark(HEAD_BYTES);
    byte[] head = in.readNBytes(HEAD_BYTES);
    in.reset();
    int first = 0;
    while (first < head.length && Character.isWhitespace(head[first])) {
      first++;
    }
    if (first < head.length && (head[first] == '[' || head[first] == '{')) {
      return JSON;
    }
    if (head.length >= 2 && isZlibHeader(head[0], head[1])) {
      return JSON_COMPRESSED;
    }
    if (startsWith(head, "PERFILE")) {
      return PERF_DATA;
    }
    if (startsWith(head, "damon_recfmt_ver")) {
      return OLD_BINARY;
    }
    return PERF_SCRIPT;
  }

  /** RFC 1950: deflate with a window of at most 32 KB, and a header whose 16 bits are a multiple of 31. */
  private static boolean isZlibHeader(byte cmf, byte flg) {
    return (cmf & 0x0F) == 8 && (cmf & 0xF0) <= 0x70 && ((cmf & 0xFF) * 256 + (flg & 0xFF)) % 31 == 0;
  }

  private static boolean startsWith(byte[] head, String text) {
    if (head.length < text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (head[i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
