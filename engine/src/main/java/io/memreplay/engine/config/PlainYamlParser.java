package io.memreplay.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The tokens of a scenario, policy or sweep document, refusing in the user's words what Jackson would read
 * wrongly or report in SnakeYAML's: anchors and aliases (Jackson does not resolve an alias, so {@code *a}
 * would read as the text "a"), {@code .nan} and {@code .inf} where a number goes (the YAML resolver takes
 * them for numbers that Jackson then cannot read), and tabs in indentation. Each refusal is a {@link
 * JsonParseException} at the offending token, which {@link ConfigYaml} reports with its line.
 */
final class PlainYamlParser extends JsonParserDelegate {

  /** YAML's spellings of infinity and not-a-number. */
  private static final Pattern NOT_A_NUMBER = Pattern.compile("[-+]?\\.(inf|nan)", Pattern.CASE_INSENSITIVE);

  private final YAMLParser yaml;
  private final String text;

  PlainYamlParser(ObjectMapper mapper, String text) throws IOException {
    this((YAMLParser) mapper.createParser(text), text);
  }

  private PlainYamlParser(YAMLParser yaml, String text) {
    super(yaml);
    this.yaml = yaml;
    this.text = text;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token;
    try {
      token = super.nextToken();
    } catch (JacksonYAMLParseException e) {
      throw aboutTabs(e);
    }
    if (yaml.isCurrentAlias()) {
      throw refusal("'*" + getText() + "' is a YAML alias; memreplay does not read anchors and aliases: "
          + "write the value out in full");
    }
    if (yaml.getCurrentAnchor() != null) {
      throw refusal("'&" + yaml.getCurrentAnchor() + "' is a YAML anchor; memreplay does not read anchors and "
          + "aliases: write each value out in full");
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT && NOT_A_NUMBER.matcher(getText()).matches()) {
      String field = currentName();
      throw refusal((field == null ? "'" + getText() + "' is" : "'" + field + "' is " + getText() + ",")
          + " not a number memreplay can use");
    }
    return token;
  }

  /** Through {@link #nextToken}: the delegate's own would pass values by unchecked. */
  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken token = nextToken();
    return token == JsonToken.FIELD_NAME ? nextToken() : token;
  }

  private JsonParseException refusal(String message) {
    return new JsonParseException(this, message, currentTokenLocation());
  }

  /**
   * {@code e} in plain words when SnakeYAML's complaint is about a tab ("found character '\t' that cannot
   * start any token"): on a line indented with one, or at one. Else {@code e}.
   */
  private IOException aboutTabs(JacksonYAMLParseException e) {
    if (!(e.getCause() instanceof MarkedYAMLException marked) || marked.getProblemMark() == null) {
      return e;
    }
    Mark mark = marked.getProblemMark();
    String line = text.lines().skip(mark.getLine()).findFirst().orElse("");
    String indentation = line.substring(0, line.length() - line.stripLeading().length());
    if (indentation.indexOf('\t') >= 0) {
      return tabError("tabs cannot indent YAML; use spaces", mark, indentation.indexOf('\t'), e);
    }
    int[] buffer = mark.getBuffer();
    if (mark.getPointer() < buffer.length && buffer[mark.getPointer()] == '\t') {
      return tabError("YAML takes no tab here; use spaces", mark, mark.getColumn(), e);
    }
    return e;
  }

  private JsonParseException tabError(String message, Mark mark, int column, Exception cause) {
    JsonLocation at = new JsonLocation(ContentReference.unknown(), -1, -1, mark.getLine() + 1, column + 1);
    return new JsonParseException(this, message, at, cause);
  }
}
