package io.memreplay.ingest.imports.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InputFilesTest {

  @TempDir
  Path dir;

  /** Text that compresses, long enough to span many decoder buffers. */
  private static byte[] text(int lines, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append(String.format(" L %08x,%d%n", random.nextInt(1 << 24) * 8L, 1 << random.nextInt(4)));
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] readAll(Path file) throws IOException {
    try (InputStream in = InputFiles.open(file).content()) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void eachCompressionIsRecognisedByItsBytesAndReadsBackTheContent(Compression compression) throws IOException {
    byte[] content = text(100_000, 1);
    // a name that says nothing, or the wrong thing: the bytes decide
    Path file = CompressedFiles.write(dir.resolve("trace.txt.gz"), compression, content);
    assertEquals(compression, InputFiles.open(file).compression());
    assertArrayEquals(content, readAll(file));
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void aFileOfTwoStreamsOneAfterTheOtherIsReadToItsEnd(Compression compression) throws IOException {
    byte[] first = text(5_000, 2);
    byte[] second = text(7_000, 3);
    Path file = CompressedFiles.writeTwoStreams(dir.resolve("both"), compression, first, second);
    byte[] expected = new byte[first.length + second.length];
    System.arraycopy(first, 0, expected, 0, first.length);
    System.arraycopy(second, 0, expected, first.length, second.length);
    assertArrayEquals(expected, readAll(file));
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void aCutShortFileFailsNamingTheFileAndItsCompression(Compression compression) throws IOException {
    Path whole = CompressedFiles.write(dir.resolve("whole"), compression, text(50_000, 4));
    Path cut = CompressedFiles.truncate(whole, dir.resolve("cut"), 0.6);
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(cut));
    assertTrue(e.getMessage().startsWith(cut + ": the " + compression.label() + " data is corrupt or cut short ("),
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void damagedBytesInTheMiddleFailNamingTheFile(Compression compression) throws IOException {
    Path file = CompressedFiles.write(dir.resolve("damaged"), compression, text(50_000, 5));
    byte[] bytes = Files.readAllBytes(file);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
      bytes[i] ^= 0x5A;
    }
    Files.write(file, bytes);
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(file));
    assertTrue(e.getMessage().startsWith(file + ": the " + compression.label() + " data is corrupt"), e.getMessage());
  }

  @Test
  void aGzipHeaderWithNothingBehindItFailsWhenOpened() throws IOException {
    Path file = Files.write(dir.resolve("header-only.gz"), new byte[] {0x1F, (byte) 0x8B, 8});
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> InputFiles.open(file));
    assertTrue(e.getMessage().startsWith(file + ": the gzip data is corrupt or cut short"), e.getMessage());
  }

  @Test
  void plainTextShorterThanAnySignatureIsPlain() throws IOException {
    Path file = Files.writeString(dir.resolve("tiny"), "I");
    assertEquals(Compression.NONE, InputFiles.open(file).compression());
    assertArrayEquals(new byte[] {'I'}, readAll(file));
  }
}
