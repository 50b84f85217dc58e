package io.memreplay.analytics.sql;

/** How {@link ResultPrinter} prints query results. */
public enum ResultFormat {
  /** Aligned columns for people, with a row count. */
  TABLE,
  /** A GitHub-flavoured Markdown table, for pasting into documents and issues. */
  MARKDOWN,
  /** RFC 4180: comma-separated, CRLF line ends, a header line. */
  CSV,
  /** An array of objects, one per row, keyed by column name. */
  JSON
}
