package io.memreplay.analytics.sql;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rows held in memory and printed as aligned columns under a header and a separator line: numbers
 * right-aligned, fractions with at most three decimals, text left-aligned, NULL as {@code NULL}.
 */
public final class TextTable {

  private static final String SEPARATOR = " | ";
  private static final String NULL = "NULL";
  /** From here on a fraction is printed in scientific notation rather than as a long run of digits. */
  private static final double SCIENTIFIC_FROM = 1e15;

  private final List<String> columns;
  private final List<Object[]> rows;

  private TextTable(List<String> columns, List<Object[]> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  /** A table of {@code rows}, each with a value per column: numbers (right-aligned), text, or null. */
  public static TextTable of(List<String> columns, List<Object[]> rows) {
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException(row.length + " values for " + columns.size() + " columns");
      }
    }
    return new TextTable(List.copyOf(columns), List.copyOf(rows));
  }

  /** Reads every remaining row of {@code resultSet}. */
  public static TextTable read(ResultSet resultSet) throws SQLException {
    ResultSetMetaData meta = resultSet.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    List<Object[]> rows = new ArrayList<>();
    while (resultSet.next()) {
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = resultSet.getObject(i + 1);
      }
      rows.add(row);
    }
    return new TextTable(List.copyOf(columns), rows);
  }

  public int rowCount() {
    return rows.size();
  }

  /** The same rows without the columns that are NULL in every row (and so tell nothing). */
  public TextTable withoutNullColumns() {
    List<Integer> kept = new ArrayList<>();
    for (int column = 0; column < columns.size(); column++) {
      if (!isNullEverywhere(column)) {
        kept.add(column);
      }
    }
    List<Object[]> keptRows = new ArrayList<>();
    for (Object[] row : rows) {
      keptRows.add(kept.stream().map(column -> row[column]).toArray());
    }
    return new TextTable(kept.stream().map(columns::get).toList(), keptRows);
  }

  /** Prints the header, the separator line and the rows, without trailing spaces. */
  public void print(PrintStream out) {
    CellText text = new CellText();
    List<String[]> cells = new ArrayList<>();
    for (Object[] row : rows) {
      String[] line = new String[row.length];
      for (int column = 0; column < row.length; column++) {
        line[column] = text.of(row[column]);
      }
      cells.add(line);
    }
    int[] widths = new int[columns.size()];
    boolean[] rightAligned = new boolean[columns.size()];
    for (int column = 0; column < columns.size(); column++) {
      widths[column] = columns.get(column).length();
      for (String[] line : cells) {
        widths[column] = Math.max(widths[column], line[column].length());
      }
      rightAligned[column] = isNumeric(column);
    }
    printLine(out, columns.toArray(String[]::new), widths, rightAligned);
    out.print(separatorLine(widths) + "\n");
    for (String[] line : cells) {
      printLine(out, line, widths, rightAligned);
    }
  }

  /**
   * Prints a GitHub-flavoured Markdown table: the header, a delimiter row that right-aligns numeric
   * columns, and the rows, with cells as {@link #print} writes them; '|' in a cell is escaped.
   */
  public void printMarkdown(PrintStream out) {
    CellText text = new CellText();
    StringBuilder line = new StringBuilder("|");
    for (String column : columns) {
      line.append(' ').append(markdownCell(column)).append(" |");
    }
    out.print(line.append('\n'));
    line.setLength(0);
    line.append('|');
    for (int column = 0; column < columns.size(); column++) {
      line.append(isNumeric(column) ? " ---: |" : " --- |");
    }
    out.print(line.append('\n'));
    for (Object[] row : rows) {
      line.setLength(0);
      line.append('|');
      for (Object value : row) {
        line.append(' ').append(markdownCell(text.of(value))).append(" |");
      }
      out.print(line.append('\n'));
    }
  }

  private static String markdownCell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|");
  }

  private static void printLine(PrintStream out, String[] cells, int[] widths, boolean[] rightAligned) {
    StringBuilder line = new StringBuilder();
    for (int column = 0; column < cells.length; column++) {
      if (column > 0) {
        line.append(SEPARATOR);
      }
      String padding = " ".repeat(widths[column] - cells[column].length());
      line.append(rightAligned[column] ? padding + cells[column] : cells[column] + padding);
    }
    out.print(line.toString().stripTrailing() + "\n");
  }

  private static String separatorLine(int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int column = 0; column < widths.length; column++) {
      if (column > 0) {
        line.append("-+-");
      }
      line.append("-".repeat(widths[column]));
    }
    return line.toString();
  }

  private boolean isNullEverywhere(int column) {
    return rows.stream().allMatch(row -> row[column] == null);
  }

  /** A column of numbers (NULLs aside); a column of NULLs only is not. */
  private boolean isNumeric(int column) {
    return !isNullEverywhere(column)
        && rows.stream().allMatch(row -> row[column] == null || row[column] instanceof Number);
  }

  /** How one value reads in a cell. Holds formatters, which are not thread-safe: one per printing. */
  private static final class CellText {
    private final DecimalFormat plain = format("0.0##");
    private final DecimalFormat scientific = format("0.0##E0");

    String of(Object value) {
      if (value == null) {
        return NULL;
      }
      if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
        return fraction((Number) value);
      }
      // Line breaks and tabs (a policy document, say) would break the table's lines.
      return value.toString().replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private String fraction(Number value) {
      double approximate = value.doubleValue();
      if (!Double.isFinite(approximate)) {
        return Double.toString(approximate);
      }
      return (Math.abs(approximate) < SCIENTIFIC_FROM ? plain : scientific).format(value);
    }

    private static DecimalFormat format(String pattern) {
      DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
      format.setRoundingMode(RoundingMode.HALF_UP);
      return format;
    }
  }
}
