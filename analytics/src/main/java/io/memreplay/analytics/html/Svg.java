package io.memreplay.analytics.html;

import java.util.Locale;

/** Builds SVG (and HTML) text: elements appended in order, attribute values and text escaped. */
final class Svg {

  private final StringBuilder text = new StringBuilder();

  /** Escapes {@code value} for element text and double-quoted attribute values. */
  static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A coordinate with at most two decimals: enough for the screen, short in the file. */
  static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
  }

  Svg raw(String markup) {
    text.append(markup);
    return this;
  }

  /**
   * A data mark (class {@code mark}, which the page's check counts) with a tooltip: {@code element} is
   * the element's name and attributes, e.g. {@code rect x="1" y="2" width="3" height="4" fill="#123"}.
   */
  Svg mark(String element, String tooltip) {
    return mark(element, "", tooltip);
  }

  /** A data mark that also has the CSS class {@code cssClass} (none when empty). */
  Svg mark(String element, String cssClass, String tooltip) {
    String name = element.substring(0, element.indexOf(' '));
    text.append('<').append(element).append(" class=\"mark").append(cssClass.isEmpty() ? "" : " " + cssClass)
        .append("\"><title>").append(escape(tooltip)).append("</title></")
        .append(name).append('>');
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    text.append("<line x1=\"").append(number(x1)).append("\" y1=\"").append(number(y1)).append("\" x2=\"")
        .append(number(x2)).append("\" y2=\"").append(number(y2)).append("\" class=\"").append(cssClass).append("\"/>");
    return this;
  }

  Svg text(double x, double y, String anchor, String cssClass, String content) {
    text.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" text-anchor=\"")
        .append(anchor).append("\" class=\"").append(cssClass).append("\">").append(escape(content)).append("</text>");
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
