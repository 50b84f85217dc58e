package io.memreplay.analytics.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void aScriptSplitsAtSemicolonsBetweenStatements() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), SqlScript.statements("SELECT 1; SELECT 2;"));
    assertEquals(List.of("SELECT 1"), SqlScript.statements("SELECT 1"));
  }

  @Test
  void leadingCommentsStayWithTheirStatementAndCommentOnlyPiecesAreDropped() {
    assertEquals(List.of("-- the first\nSELECT 1", "-- the second\nSELECT 2"),
        SqlScript.statements("-- the first\nSELECT 1;\n\n-- the second\nSELECT 2;\n-- nothing after this;\n"));
    assertEquals(List.of(), SqlScript.statements(" -- only a comment\n/* and ; another */ ; "));
  }

  @Test
  void semicolonsInsideStringsIdentifiersDollarQuotesAndCommentsSeparateNothing() {
    String script = "SELECT 'a;b', 'it''s;', \"x;y\", $$p;q$$, $t$r;s$t$ -- c;d\n/* e;f */ FROM t; SELECT $1";
    assertEquals(List.of("SELECT 'a;b', 'it''s;', \"x;y\", $$p;q$$, $t$r;s$t$ -- c;d\n/* e;f */ FROM t", "SELECT $1"),
        SqlScript.statements(script));
  }

  @Test
  void anUnterminatedStringRunsToTheEndForDuckDbToReport() {
    assertEquals(List.of("SELECT 'open; SELECT 2"), SqlScript.statements("SELECT 'open; SELECT 2"));
  }
}
