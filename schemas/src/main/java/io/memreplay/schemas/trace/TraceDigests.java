package io.memreplay.schemas.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The content digests of a dataset's data files, computed in one pass over their bytes: the trace's
 * digest (the SHA-256 of each file's table, name and bytes, in manifest order, as {@link
 * TraceManifest#digest()} records it) and each file's own SHA-256 ({@link TraceManifest.FileEntry#sha256()}).
 *
 * @param trace the trace's digest, "sha256:" and hex
 * @param files each file's digest, by its name relative to the dataset folder, in manifest order
 */
record TraceDigests(String trace, Map<String, String> files) {

  static final String PREFIX = "sha256:";

  /**
   * Reads every file the manifest lists for {@code kinds}, in that order.
   *
   * @param bytesRead receives the bytes read so far, now and then, for progress
   */
  static TraceDigests compute(Path dir, List<RecordKind> kinds, TraceManifest manifest, LongConsumer bytesRead)
      throws IOException {
    MessageDigest trace = sha256();
    Map<String, String> files = new LinkedHashMap<>();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (RecordKind kind : kinds) {
      for (TraceManifest.FileEntry entry : manifest.files(kind)) {
        String name = TraceDataset.source(kind, entry.name());
        trace.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        MessageDigest file = sha256();
        try (InputStream in = Files.newInputStream(dir.resolve(kind.table()).resolve(entry.name()))) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            trace.update(buffer, 0, n);
            file.update(buffer, 0, n);
            total += n;
            if ((total & ((1 << 24) - 1)) < n) {
              bytesRead.accept(total);
            }
          }
        }
        files.put(name, hex(file));
      }
    }
    bytesRead.accept(total);
    return new TraceDigests(hex(trace), files);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(MessageDigest digest) {
    return PREFIX + HexFormat.of().formatHex(digest.digest());
  }
}
