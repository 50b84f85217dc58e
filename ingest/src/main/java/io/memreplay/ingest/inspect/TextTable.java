package io.memreplay.ingest.inspect;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns as wide as their widest cell, numbers right-aligned, chosen columns left. */
final class TextTable {

  private static final String GAP = "  ";

  private final List<String[]> rows = new ArrayList<>();
  private final boolean[] left;

  TextTable(String... header) {
    rows.add(header);
    left = new boolean[header.length];
  }

  /** Aligns the cells of {@code columns} to the left, as text reads. */
  TextTable leftAligned(int... columns) {
    for (int column : columns) {
      left[column] = true;
    }
    return this;
  }

  void row(String... cells) {
    if (cells.length != left.length) {
      throw new IllegalArgumentException(cells.length + " cells for " + left.length + " columns");
    }
    rows.add(cells);
  }

  String render() {
    int[] widths = new int[left.length];
    for (String[] row : rows) {
      for (int column = 0; column < row.length; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < row.length; column++) {
        if (column > 0) {
          line.append(GAP);
        }
        String padding = " ".repeat(widths[column] - row[column].length());
        line.append(left[column] ? row[column] + padding : padding + row[column]);
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
