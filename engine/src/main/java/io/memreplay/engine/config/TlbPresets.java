package io.memreplay.engine.config;

import io.memreplay.engine.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The TLB geometries that ship with memreplay, from the sources docs/model.md cites for each preset. Each is a YAML
 * resource {@code tlb/<name>.yaml} beside this class whose comments give every number's source and how
 * sure the reference is of it.
 */
public final class TlbPresets {

  private static final List<String> NAMES = List.of("skylake", "golden-cove", "zen2", "zen4", "drcachesim");

  private TlbPresets() {}

  public static List<String> names() {
    return NAMES;
  }

  /** The built-in geometry {@code name}. */
  public static TlbGeometry preset(String name) throws ConfigException {
    if (!NAMES.contains(name)) {
      throw new ConfigException("no TLB preset '" + name + "'; presets: " + NAMES + " (or give the geometry inline)");
    }
    String resource = "tlb/" + name + ".yaml";
    try (InputStream in = TlbPresets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return TlbGeometry.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "TLB preset " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
