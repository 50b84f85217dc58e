package io.memreplay.analytics.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text files shipped on the class path: report queries, the HTML report's style sheet and script. */
public final class TextResources {

  private TextResources() {}

  /** The resource {@code name}, relative to {@code near}'s package unless it starts with '/'. */
  public static String load(Class<?> near, String name) {
    try (InputStream in = near.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + name + " (beside " + near.getName() + ") is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
