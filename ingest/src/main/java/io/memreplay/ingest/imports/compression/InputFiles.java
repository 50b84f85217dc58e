package io.memreplay.ingest.imports.compression;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens input files for reading their content, decompressed on the fly when they are compressed. */
public final class InputFiles {

  /** Read-ahead of the compressed bytes: large enough that the decoders rarely wait on the file system. */
  private static final int READ_AHEAD_BYTES = 1 << 16;

  private InputFiles() {}

  /** An open input: its content as a stream, and how the file was compressed. */
  public record Input(InputStream content, Compression compression) {}

  /**
   * Opens {@code file} and recognises its compression by its first bytes. Reading the content fails with a
   * {@link CorruptInputException} naming the file when the compressed data is corrupt or cut short.
   *
   * @throws CorruptInputException when the file starts with a compression's signature but its header is bad
   */
  public static Input open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), READ_AHEAD_BYTES);
    try {
      raw.mark(Compression.SIGNATURE_BYTES);
      byte[] head = raw.readNBytes(Compression.SIGNATURE_BYTES);
      raw.reset();
      Compression compression = Compression.of(head, head.length);
      if (compression == Compression.NONE) {
        return new Input(raw, compression);
      }
      InputStream decoder;
      try {
        decoder = compression.decoder(raw);
      } catch (IOException | RuntimeException e) {
        throw corrupt(file, compression, e);
      }
      return new Input(decoding(decoder, file, compression.label()), compression);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * {@code decoder}, whose failures become {@link CorruptInputException}s naming {@code file} and the format
   * ({@code label}): for decoders of a format's own compression, such as damo's zlib records.
   */
  public static InputStream decoding(InputStream decoder, Path file, String label) {
    return new Decoding(decoder, file, label);
  }

  private static CorruptInputException corrupt(Path file, Compression compression, Exception cause) {
    return corrupt(file, compression.label(), cause);
  }

  private static CorruptInputException corrupt(Path file, String label, Exception cause) {
    String reason = cause instanceof EOFException ? "it ends before its data does"
        : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new CorruptInputException(file + ": the " + label + " data is corrupt or cut short (" + reason + ")", cause);
  }

  /**
   * A decoder whose failures name the file: a decoder's own message ("Unexpected end of input", "Truncated
   * source") does not say which of the inputs it was reading.
   */
  private static final class Decoding extends FilterInputStream {
    private final Path file;
    private final String label;

    Decoding(InputStream decoder, Path file, String label) {
      super(decoder);
      this.file = file;
      this.label = label;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException | RuntimeException e) {
        throw corrupt(file, label, e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (IOException | RuntimeException e) {
        throw corrupt(file, label, e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (IOException | RuntimeException e) {
        throw corrupt(file, label, e);
      }
    }
  }
}
