package io.memreplay.analytics.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {

  private static final String ONE_ROW = "SELECT * FROM (VALUES (1, 'a', 2.5, NULL)) t(x, y, z, w)";

  private static Connection duckdb;

  @BeforeAll
  static void connect() throws SQLException {
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void disconnect() throws SQLException {
    duckdb.close();
  }

  @Test
  void tableAlignsNumbersRightAndTextLeftAndShowsNull() throws SQLException {
    assertEquals("""
        x | y |   z | w
        --+---+-----+-----
        1 | a | 2.5 | NULL
        (1 row)
        """, print(ResultFormat.TABLE, ONE_ROW));
  }

  @Test
  void tableRoundsFractionsToThreeDecimalsAndKeepsScientificNotationForHugeValues() throws SQLException {
    String query = "SELECT 1.0 / 3 AS third, 2::DOUBLE AS two, 12345.6789::DOUBLE AS many, "
        + "123456789012.5::DOUBLE AS large, 0.0005::DOUBLE AS half_up, 'nan'::DOUBLE AS nan, 1e20::DOUBLE AS huge";

    assertEquals("""
        third | two |      many |          large | half_up | nan |   huge
        ------+-----+-----------+----------------+---------+-----+-------
        0.333 | 2.0 | 12345.679 | 123456789012.5 |   0.001 | NaN | 1.0E20
        (1 row)
        """, print(ResultFormat.TABLE, query));
  }

  @Test
  void tableKeepsEachRowOnOneLineAndCountsRows() throws SQLException {
    String query = "SELECT * FROM (VALUES ('two' || chr(10) || 'lines', 10), ('tab' || chr(9), NULL)) t(text, n)";

    assertEquals("""
        text       |    n
        -----------+-----
        two\\nlines |   10
        tab\\t      | NULL
        (2 rows)
        """, print(ResultFormat.TABLE, query));
  }

  @Test
  void tableOfNoRowsPrintsTheHeader() throws SQLException {
    assertEquals("""
        x
        -
        (0 rows)
        """, print(ResultFormat.TABLE, "SELECT 1 AS x WHERE false"));
  }

  @Test
  void csvHasAHeaderCrlfLineEndsAndNullAsAnEmptyField() throws SQLException {
    assertEquals("x,y,z,w\r\n1,a,2.5,\r\n", print(ResultFormat.CSV, ONE_ROW));
  }

  @Test
  void csvQuotesFieldsWithCommasQuotesOrLineBreaksAndEmptyStrings() throws SQLException {
    String query = "SELECT 'a,b' AS \"comma,name\", 'say \"hi\"' AS quote, "
        + "'one' || chr(13) || chr(10) || 'two' AS crlf, '' AS empty, 0.1::DOUBLE AS exact";

    assertEquals("\"comma,name\",quote,crlf,empty,exact\r\n"
        + "\"a,b\",\"say \"\"hi\"\"\",\"one\r\ntwo\",\"\",0.1\r\n", print(ResultFormat.CSV, query));
  }

  @Test
  void csvWritesNumbersWithAllTheirDigitsAndNoExponent() throws SQLException {
    String query = "SELECT 1709287210.0::DOUBLE AS epoch_s, 1.5e-7::DOUBLE AS tiny, 0.1::DOUBLE AS tenth, "
        + "1e20::DOUBLE AS huge, 'inf'::DOUBLE AS inf, 123456789.123::DECIMAL(18,3) AS dec";

    assertEquals("epoch_s,tiny,tenth,huge,inf,dec\r\n"
        + "1709287210,0.00000015,0.1,100000000000000000000,Infinity,123456789.123\r\n", print(ResultFormat.CSV, query));
  }

  @Test
  void jsonIsAnArrayOfObjectsWithNumbersAsNumbersAndNullAsNull() throws SQLException {
    assertEquals("""
        [ {
          "x" : 1,
          "y" : "a",
          "z" : 2.5,
          "w" : null
        } ]
        """, print(ResultFormat.JSON, ONE_ROW));
  }

  @Test
  void jsonKeepsBooleansAndFullPrecision() throws SQLException {
    assertEquals("""
        [ {
          "b" : true,
          "third" : 0.3333333333333333,
          "big" : 12345678901234567890
        } ]
        """, print(ResultFormat.JSON, "SELECT true AS b, 1 / 3 AS third, 12345678901234567890::HUGEINT AS big"));
  }

  @Test
  void jsonOfNoRowsIsAnEmptyArray() throws SQLException {
    assertEquals("[ ]\n", print(ResultFormat.JSON, "SELECT 1 AS x WHERE false"));
  }

  @Test
  void printReturnsTheNumberOfRowsInEveryFormat() throws SQLException {
    String query = "SELECT * FROM range(3)";
    for (ResultFormat format : ResultFormat.values()) {
      try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery(query)) {
        PrintStream discarded = new PrintStream(new ByteArrayOutputStream());
        assertEquals(3, new ResultPrinter(format).print(rows, discarded), format.name());
      }
    }
  }

  private static String print(ResultFormat format, String query) throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery(query);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      new ResultPrinter(format).print(rows, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
