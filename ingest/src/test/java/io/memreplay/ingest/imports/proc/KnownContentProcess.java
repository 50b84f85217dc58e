package io.memreplay.ingest.imports.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A python3 child process that holds known page contents in one anonymous mapping, in this order: {@code
 * zeros} zero pages it has written (so they are resident), {@code copies} copies of one compressible page,
 * {@code random} pages of seeded random bytes (incompressible), then {@code untouched} pages it never touches.
 * The contents are read with unbuffered readinto straight into the mapping and copied there with move, so that
 * no other page-aligned copy of them exists in the process. It waits until closed.
 */
final class KnownContentProcess implements AutoCloseable {

  static final int PAGE = 4096;
  private static final String SCRIPT = String.join("\n",
      "import mmap, sys",
      "zeros, copies, randoms, untouched = map(int, sys.argv[1:5])",
      "m = mmap.mmap(-1, (zeros + copies + randoms + untouched) * 4096)",
      "view = memoryview(m)",
      "for i in range(zeros):",
      "    m[i * 4096] = 0",
      "with open(sys.argv[5], 'rb', buffering=0) as f:",
      "    f.readinto(view[zeros * 4096:(zeros + 1) * 4096])",
      "for i in range(1, copies):",
      "    m.move((zeros + i) * 4096, zeros * 4096, 4096)",
      "with open(sys.argv[6], 'rb', buffering=0) as f:",
      "    f.readinto(view[(zeros + copies) * 4096:(zeros + copies + randoms) * 4096])",
      "print('ready', flush=True)",
      "sys.stdin.read()",
      "");

  final int zeros;
  final int copies;
  final byte[] copiedPage;
  final byte[][] randomPages;
  final int untouched;
  private final Process process;

  private KnownContentProcess(int zeros, int copies, byte[] copiedPage, byte[][] randomPages, int untouched,
      Process process) {
    this.zeros = zeros;
    this.copies = copies;
    this.copiedPage = copiedPage;
    this.randomPages = randomPages;
    this.untouched = untouched;
    this.process = process;
  }

  /** Whether python3 can be started here. */
  static boolean pythonAvailable() {
    try {
      Process probe = new ProcessBuilder("python3", "-c", "pass").redirectErrorStream(true).start();
      return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts the child and waits until its memory is laid out. */
  static KnownContentProcess start(Path dir, int zeros, int copies, int random, int untouched, long seed)
      throws IOException {
    byte[] copied = new byte[PAGE];
    for (int i = 0; i < PAGE; i++) {
      copied[i] = (byte) ("the same page, again and again; ".charAt(i % 32) + i / 1024);
    }
    Random rng = new Random(seed);
    byte[][] pages = new byte[random][PAGE];
    byte[] all = new byte[random * PAGE];
    for (int p = 0; p < random; p++) {
      rng.nextBytes(pages[p]);
      System.arraycopy(pages[p], 0, all, p * PAGE, PAGE);
    }
    Path script = Files.writeString(dir.resolve("known-content.py"), SCRIPT);
    Path copiedFile = Files.write(dir.resolve("copied-" + seed + ".bin"), copied);
    Path randomFile = Files.write(dir.resolve("random-" + seed + ".bin"), all);
    Process process = new ProcessBuilder("python3", script.toString(), Integer.toString(zeros),
        Integer.toString(copies), Integer.toString(random), Integer.toString(untouched), copiedFile.toString(),
        randomFile.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!"ready".equals(line)) {
      process.destroyForcibly();
      throw new IOException("the python3 child did not start: " + line);
    }
    return new KnownContentProcess(zeros, copies, copied, pages, untouched, process);
  }

  int pid() {
    return (int) process.pid();
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
