package io.memreplay.analytics.html;

import io.memreplay.analytics.sql.TextResources;
import java.util.ArrayList;
import java.util.List;

/**
 * One chart as an SVG file of its own, to paste into a document or a ticket: its title, caption, note and
 * legend drawn as SVG text and shapes above the same panels as the HTML page's, two panels to a row, with
 * the charts' style sheet inside. Needs no browser: any SVG viewer (and Batik, for PNG) draws it.
 */
final class StandaloneSvg {

  private static final String STYLE = TextResources.load(StandaloneSvg.class, "chart.css")
      + "svg { font-family: \"DejaVu Sans\", Arial, Helvetica, sans-serif; }\n"
      + "svg .title { font-size: 17px; font-weight: bold; fill: #222; }\n"
      + "svg .caption, svg .legend { font-size: 12.5px; fill: #444; }\n"
      + "svg .note { font-size: 12.5px; fill: #7a5b00; }\n";
  private static final double MARGIN = 16;
  private static final double GAP = 12;
  private static final int COLUMNS = 2;
  private static final double LINE = 17;
  /** A generous average width of a 12.5 px sans-serif character, to wrap and lay out text without measuring it. */
  private static final double CHAR_WIDTH = 6.8;

  /** The SVG document and its width in SVG units (pixels at 100 %), for {@link PngImage}. */
  record Document(String text, double width) {}

  private StandaloneSvg() {}

  static Document of(Figure figure) {
    int columns = Math.max(1, Math.min(COLUMNS, figure.panels().size()));
    double width = 2 * MARGIN + columns * Plot.WIDTH + (columns - 1) * GAP;
    Svg body = new Svg();
    double y = MARGIN + 17;
    body.text(MARGIN, y, "start", "title", figure.title());
    y += 8;
    for (String line : wrap(figure.caption(), width - 2 * MARGIN)) {
      y += LINE;
      body.text(MARGIN, y, "start", "caption", line);
    }
    for (String line : wrap(figure.note(), width - 2 * MARGIN)) {
      y += LINE;
      body.text(MARGIN, y, "start", "note", line);
    }
    y = legend(body, figure.legend(), y + 8, width);
    int rows = (figure.panels().size() + columns - 1) / columns;
    for (int i = 0; i < figure.panels().size(); i++) {
      double x = MARGIN + (i % columns) * (Plot.WIDTH + GAP);
      double top = y + 8 + (i / columns) * (Plot.HEIGHT + GAP);
      body.raw("<g transform=\"translate(" + Svg.number(x) + " " + Svg.number(top) + ")\">" + figure.panels().get(i) + "</g>");
    }
    double height = y + 8 + rows * (Plot.HEIGHT + GAP) - (rows > 0 ? GAP : 0) + MARGIN;
    return new Document("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Svg.number(width) + "\" height=\"" + Svg.number(height)
        + "\" viewBox=\"0 0 " + Svg.number(width) + " " + Svg.number(height) + "\" data-chart=\"" + figure.name()
        + "\" role=\"img\" aria-label=\"" + Svg.escape(figure.title()) + "\">\n"
        + "<style>\n" + STYLE + "</style>\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
        + body + "\n</svg>\n", width);
  }

  /** Draws the legend's entries left to right, wrapping at {@code width}; returns the y below it. */
  private static double legend(Svg svg, List<Figure.LegendEntry> entries, double y, double width) {
    if (entries.isEmpty()) {
      return y;
    }
    double x = MARGIN;
    y += LINE;
    for (Figure.LegendEntry entry : entries) {
      double itemWidth = 24 + entry.label().length() * CHAR_WIDTH + 16;
      if (x > MARGIN && x + itemWidth > width - MARGIN) {
        x = MARGIN;
        y += LINE + 2;
      }
      if (entry.line()) {
        svg.raw("<line x1=\"" + Svg.number(x) + "\" y1=\"" + Svg.number(y - 4) + "\" x2=\"" + Svg.number(x + 18)
            + "\" y2=\"" + Svg.number(y - 4) + "\" stroke=\"" + entry.color() + "\" stroke-width=\"2.5\""
            + (entry.dashed() ? " stroke-dasharray=\"5 3\"" : "") + "/>");
      } else {
        svg.raw("<rect x=\"" + Svg.number(x + 3) + "\" y=\"" + Svg.number(y - 10) + "\" width=\"12\" height=\"12\" fill=\""
            + entry.color() + "\"/>");
      }
      svg.text(x + 24, y, "start", "legend", entry.label());
      x += itemWidth;
    }
    return y;
  }

  /** {@code text} in lines of at most {@code width} pixels (by the average character width); none when empty. */
  static List<String> wrap(String text, double width) {
    List<String> lines = new ArrayList<>();
    int perLine = Math.max(20, (int) (width / CHAR_WIDTH));
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
