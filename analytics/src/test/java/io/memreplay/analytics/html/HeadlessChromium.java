package io.memreplay.analytics.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, run headless as the machine's notes prescribe (no sandbox as root, no GPU, no
 * network chatter, a fresh profile), to load a local page and hand back the DOM after its scripts ran.
 */
final class HeadlessChromium {

  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
  private static final long TIMEOUT_SECONDS = 120;

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** The browser named by {@code CHROMIUM}, or the first of chromium, chromium-browser, google-chrome on the PATH. */
  static Optional<HeadlessChromium> find() {
    String configured = System.getenv("CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(new HeadlessChromium(Path.of(configured)));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : NAMES) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(new HeadlessChromium(candidate));
        }
      }
    }
    return Optional.empty();
  }

  /** The page's DOM, serialized after load (scripts included), with {@code profile} as the user data folder. */
  String dumpDom(Path page, Path profile) throws IOException, InterruptedException {
    return run(page, profile, "--dump-dom");
  }

  /** Renders the page into a PNG {@code width} pixels wide and {@code height} high. */
  void screenshot(Path page, Path profile, Path png, int width, int height) throws IOException, InterruptedException {
    run(page, profile, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars");
  }

  private String run(Path page, Path profile, String... action) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
    command.addAll(List.of(action));
    command.add(page.toUri().toString());
    Path log = Files.createTempFile(profile.getParent(), "chromium", ".log");
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
    }
    if (process.exitValue() != 0) {
      throw new IOException("chromium exited with " + process.exitValue() + ": " + Files.readString(log));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
