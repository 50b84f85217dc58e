package io.memreplay.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario and policy documents as YAML text. Field names are snake_case; unknown fields are errors,
 * so a typo never silently falls back to a default. The canonical form ({@link #toYaml}) spells out
 * every default, and its digest identifies the document in results.
 */
public final class ConfigYaml {

  private static final ObjectMapper YAML = YAMLMapper.builder(
          YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      // a key given twice would otherwise keep its last value, and a fraction in a whole-number field its
      // integer part
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  private ConfigYaml() {}

  /** The mapper of every document, for code of this package that edits documents as trees. */
  static ObjectMapper mapper() {
    return YAML;
  }

  /**
   * Parses a scenario.
   *
   * @param source names the document in messages, e.g. its file name
   */
  public static Scenario scenario(String yaml, String source) throws ConfigException {
    Scenario scenario = read(yaml, source, Scenario.class);
    scenario.check(source);
    return scenario;
  }

  public static Policy policy(String yaml, String source) throws ConfigException {
    Policy policy = read(yaml, source, Policy.class);
    policy.check(source);
    return policy;
  }

  /**
   * {@code base} with the settings of {@code patch} (a part of a document of its type, snake_case, as in a
   * file) in place of its own: nested sections merge, other values replace.
   *
   * @param where names the patch in messages
   */
  public static <T> T patched(T base, Map<String, Object> patch, Class<T> type, String where) throws ConfigException {
    JsonNode merged = YAML.valueToTree(base);
    merge((ObjectNode) merged, YAML.valueToTree(patch));
    try {
      return YAML.treeToValue(merged, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(where + ": unknown field '" + e.getPropertyName() + "'; known fields here: "
          + e.getKnownPropertyIds(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(where + ": " + problem(e), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage(), e);
    }
  }

  private static void merge(ObjectNode into, JsonNode patch) {
    patch.fields().forEachRemaining(field -> {
      JsonNode existing = into.get(field.getKey());
      if (existing instanceof ObjectNode object && field.getValue() instanceof ObjectNode) {
        merge(object, field.getValue());
      } else {
        into.set(field.getKey(), field.getValue());
      }
    });
  }

  /**
   * A document of this package's (a sweep, a value) read as a tree, with the checks and messages of a
   * scenario's; null when it holds nothing.
   */
  static JsonNode tree(String yaml, String source) throws ConfigException {
    try (JsonParser parser = new PlainYamlParser(YAML, yaml)) {
      return YAML.readTree(parser);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + problem(e) + where(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /** The canonical YAML of a scenario or policy, every default spelled out. */
  public static String toYaml(Object document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The canonical YAML of a scenario or policy read back as a tree: its settings as a file has them. */
  public static JsonNode toTree(Object document) {
    try {
      return YAML.readTree(toYaml(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the canonical YAML of " + document.getClass().getSimpleName() + " does not read back", e);
    }
  }

  /** "sha256:" and the hex SHA-256 of the canonical YAML. */
  public static String digest(Object document) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(toYaml(document).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T read(String yaml, String source, Class<T> type) throws ConfigException {
    T value;
    try (JsonParser parser = new PlainYamlParser(YAML, yaml)) {
      // nothing but blank lines and comments
      if (parser.nextToken() == null) {
        throw new ConfigException(source + ": the document is empty");
      }
      value = YAML.readValue(parser, type);
      // the mapper stops after the first document: a second one would be left unread
      if (value != null && parser.nextToken() != null) {
        throw new ConfigException(source + ": a second document (line " + parser.currentLocation().getLineNr()
            + "); a file holds one " + type.getSimpleName().toLowerCase(Locale.ROOT));
      }
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(source + ": unknown field '" + e.getPropertyName() + "'" + whereRecord(yaml, e.getPath(), e)
          + "; known fields here: " + e.getKnownPropertyIds(), e);
    } catch (JsonMappingException e) {
      // a record refused whole (a field missing, a value out of range) is named where it starts, not after it
      String where = isMissingField(e) ? whereRecord(yaml, recordPath(e), e)
          : e instanceof ValueInstantiationException ? whereRecord(yaml, e.getPath(), e) : where(e);
      throw new ConfigException(source + ": " + problem(e) + where, e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + problem(e) + where(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
    if (value == null) {
      throw new ConfigException(source + ": the document is empty");
    }
    return value;
  }

  /**
   * What is wrong, in the user's terms: a settings record's own check says it with the field's name, which
   * Jackson wraps in "Cannot construct instance of ..." and the Java class.
   */
  private static String problem(JsonProcessingException e) {
    if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
      return cause.getMessage();
    }
    if (e instanceof MismatchedInputException missing && isMissingField(missing)) {
      // "Missing required creator property 'memory_mb' (index 2)": the field's name is between the quotes
      String message = e.getOriginalMessage();
      int from = message.indexOf('\'') + 1;
      return "'" + message.substring(from, message.indexOf('\'', from)) + "' is required" + section(recordPath(missing));
    }
    if (e instanceof MismatchedInputException mismatch && isWrongType(mismatch)) {
      // "Cannot deserialize value of type `java.lang.Long` from String ...": the field, and what it takes
      String field = mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
      String given = e instanceof InvalidFormatException invalid && invalid.getValue() != null
          ? ", not '" + invalid.getValue() + "'" : "";
      return "'" + field + "' must be " + expected(mismatch.getTargetType()) + given;
    }
    return e.getOriginalMessage();
  }

  private static boolean isMissingField(JsonProcessingException e) {
    return e instanceof MismatchedInputException
        && e.getOriginalMessage().startsWith("Missing required creator property '");
  }

  /** The path to the record a missing field of {@code e} belongs in: Jackson's path ends with the field. */
  private static List<JsonMappingException.Reference> recordPath(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    return path.isEmpty() ? path : path.subList(0, path.size() - 1);
  }

  /** " in" the section or list item at {@code steps}, as a YAML path names it; "" at the top. */
  private static String section(List<JsonMappingException.Reference> steps) {
    if (steps.isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : steps) {
      if (step.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return " in " + path;
  }

  /** A field given a value of another type (not a field missing, or a document of another shape). */
  private static boolean isWrongType(MismatchedInputException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    return e.getTargetType() != null && !path.isEmpty() && path.get(path.size() - 1).getFieldName() != null
        && (e instanceof InvalidFormatException
            || e.getOriginalMessage().startsWith("Cannot deserialize value of type"));
  }

  /** What a value of {@code type} is, in the words of a YAML document. */
  private static String expected(Class<?> type) {
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT);
    }
    return type == String.class ? "text" : "a section of settings";
  }

  /**
   * Where what {@code path} leads to is in {@code yaml}: an unknown field, or a record refused whole (nothing
   * for the whole document).
   * Jackson reads a record's fields before it builds the record, and reports such problems only then, at the
   * end of the record's mapping: the line of whatever follows, not the field's or the record's. They are
   * found again by their path.
   */
  private static String whereRecord(String yaml, List<JsonMappingException.Reference> path, JsonMappingException e) {
    if (path.isEmpty()) {
      return "";
    }
    try (JsonParser parser = new PlainYamlParser(YAML, yaml)) {
      JsonLocation location = parser.nextToken() == null ? null : locate(parser, path, 0);
      if (location != null) {
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
      }
    } catch (IOException | RuntimeException notFound) {
      // the document was read once already; should it not be found again, Jackson's location is all there is
    }
    return where(e);
  }

  /** The location of the key or item at {@code path[depth..]}, from the value {@code parser} is at. */
  private static JsonLocation locate(JsonParser parser, List<JsonMappingException.Reference> path, int depth)
      throws IOException {
    JsonMappingException.Reference step = path.get(depth);
    if (parser.currentToken() == JsonToken.START_OBJECT && step.getFieldName() != null) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonLocation at = parser.currentTokenLocation();
        parser.nextToken();
        if (name.equals(step.getFieldName())) {
          return depth + 1 == path.size() ? at : locate(parser, path, depth + 1);
        }
        parser.skipChildren();
      }
    } else if (parser.currentToken() == JsonToken.START_ARRAY && step.getIndex() >= 0) {
      for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
        if (index == step.getIndex()) {
          return depth + 1 == path.size() ? parser.currentTokenLocation() : locate(parser, path, depth + 1);
        }
        parser.skipChildren();
      }
    }
    return null;
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr() + ")";
  }
}
