package io.memreplay.engine.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The engine's version, recorded in every run: results of different engine versions may differ. */
public final class EngineVersion {

  private static final String VERSION = load();

  private EngineVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = EngineVersion.class.getResourceAsStream("/io/memreplay/engine/version.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new UncheckedIOException(new IOException("engine version resource missing", e));
    }
  }
}
