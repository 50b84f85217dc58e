package io.memreplay.analytics.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A script of SQL statements separated by semicolons, split as DuckDB's lexer would: a semicolon inside a
 * string ('it''s'), a quoted identifier ("a;b"), a dollar-quoted string ($$;$$, $tag$;$tag$), a line
 * comment (-- ;) or a block comment (/* ; *&#47;) separates nothing. Statements that hold only comments and
 * blanks are dropped, so a script may start with comments, end with a semicolon, or have none.
 */
public final class SqlScript {

  private SqlScript() {}

  /** The statements of {@code script}, each without its semicolon, in order. */
  public static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    boolean code = false;
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      int next = switch (c) {
        case '\'', '"' -> closing(script, i + 1, String.valueOf(c));
        case '-' -> script.startsWith("--", i) ? lineEnd(script, i) : i + 1;
        case '/' -> script.startsWith("/*", i) ? closing(script, i + 2, "*/") : i + 1;
        case '$' -> dollarQuoteEnd(script, i);
        default -> i + 1;
      };
      boolean comment = c == '-' && next > i + 1 || c == '/' && next > i + 1;
      if (c == ';') {
        if (code) {
          statements.add(script.substring(start, i).strip());
        }
        start = i + 1;
        code = false;
      } else if (!comment && !Character.isWhitespace(c)) {
        code = true;
      }
      i = next;
    }
    if (code) {
      statements.add(script.substring(start).strip());
    }
    return statements;
  }

  /** Just past the {@code quote} that closes a string opened before {@code from} (a doubled quote is part of it). */
  private static int closing(String script, int from, String quote) {
    int at = from;
    while (true) {
      int end = script.indexOf(quote, at);
      if (end < 0) {
        return script.length(); // unterminated: DuckDB will say so
      }
      if (quote.length() == 1 && script.startsWith(quote, end + 1)) {
        at = end + 2;
        continue;
      }
      return end + quote.length();
    }
  }

  private static int lineEnd(String script, int from) {
    int end = script.indexOf('\n', from);
    return end < 0 ? script.length() : end + 1;
  }

  /** Just past a dollar-quoted string starting at {@code from} ($$...$$ or $tag$...$tag$), or the next character. */
  private static int dollarQuoteEnd(String script, int from) {
    int tagEnd = from + 1;
    while (tagEnd < script.length() && (Character.isLetterOrDigit(script.charAt(tagEnd)) || script.charAt(tagEnd) == '_')) {
      tagEnd++;
    }
    if (tagEnd >= script.length() || script.charAt(tagEnd) != '$'
        || tagEnd > from + 1 && Character.isDigit(script.charAt(from + 1))) {
      return from + 1; // $1, a parameter, or a lone dollar
    }
    return closing(script, tagEnd + 1, script.substring(from, tagEnd + 1));
  }
}
