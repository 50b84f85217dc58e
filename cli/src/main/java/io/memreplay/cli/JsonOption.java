package io.memreplay.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option of the commands that report what they did: with it, stdout carries one JSON
 * document (counts, run ids, files, rates) for scripts, and the text for people goes to stderr; without it,
 * the text goes to stdout as usual. Documents are records, their fields in snake_case, paths as written.
 */
final class JsonOption {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .addModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance))
      .build();

  @Option(names = "--json", description = "print what was done as one JSON document on stdout; the text goes to stderr")
  boolean enabled;

  /** Where the text for people goes: stderr when stdout carries the JSON document. */
  PrintStream human() {
    return enabled ? System.err : System.out;
  }

  /** With {@code --json}, prints {@code document} on stdout; without, nothing. */
  void print(Object document) {
    if (enabled) {
      System.out.print(text(document));
      System.out.flush();
    }
  }

  static String text(Object document) {
    try {
      return JSON.writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
