package io.memreplay.analytics.html;

import java.util.List;

/**
 * One chart of the page: a titled figure with a caption, a legend and its panels (small multiples), or,
 * without data, a sentence saying what is missing.
 *
 * @param name the chart's id ({@code data-chart}), which the page's check and its tests refer to
 * @param note said under the caption: what the chart falls back to, or why it is empty
 */
record Figure(String name, String title, String caption, List<LegendEntry> legend, List<String> panels, String note) {

  /** A chart without data. */
  static Figure empty(String name, String title, String caption, String why) {
    return new Figure(name, title, caption, List.of(), List.of(), why);
  }

  /** A legend item: a filled swatch, or a line (dashed when {@code dashed}). */
  record LegendEntry(String label, String color, boolean line, boolean dashed) {

    static LegendEntry swatch(String label, String color) {
      return new LegendEntry(label, color, false, false);
    }

    static LegendEntry line(String label, String color, boolean dashed) {
      return new LegendEntry(label, color, true, dashed);
    }
  }

  String render() {
    Svg html = new Svg();
    html.raw("<section class=\"chart-section\" id=\"" + name + "\"><h2>" + Svg.escape(title) + "</h2>");
    html.raw("<figure class=\"chart\" data-chart=\"" + name + "\"" + (panels.isEmpty() ? " data-empty=\"true\"" : "") + ">");
    html.raw("<figcaption>" + Svg.escape(caption) + "</figcaption>");
    if (!note.isEmpty()) {
      html.raw("<p class=\"" + (panels.isEmpty() ? "no-data" : "note") + "\">" + Svg.escape(note) + "</p>");
    }
    if (!legend.isEmpty()) {
      html.raw("<ul class=\"legend\">");
      for (LegendEntry entry : legend) {
        String kind = entry.line() ? (entry.dashed() ? "key dashed" : "key line") : "key";
        html.raw("<li><span class=\"" + kind + "\" style=\"--key:" + entry.color() + "\"></span>" + Svg.escape(entry.label())
            + "</li>");
      }
      html.raw("</ul>");
    }
    html.raw("<div class=\"panels\">");
    panels.forEach(html::raw);
    return html.raw("</div></figure></section>").toString();
  }
}
