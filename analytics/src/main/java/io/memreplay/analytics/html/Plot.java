package io.memreplay.analytics.html;

import java.util.List;

/**
 * One chart panel: an SVG with a title, a y axis and either a numeric x axis or categories along it,
 * grid lines at the ticks, and the data marks the charts add in data coordinates.
 */
final class Plot {

  static final double WIDTH = 540;
  static final double HEIGHT = 270;
  private static final double LEFT = 64;
  private static final double RIGHT = 16;
  private static final double TOP = 30;
  private static final double BOTTOM = 46;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  /** Null when the x axis holds categories. */
  private final LinearScale x;
  private final List<String> categories;
  private final LinearScale y;
  private final Svg marks = new Svg();

  private Plot(String title, String xLabel, LinearScale x, List<String> categories, String yLabel, LinearScale y) {
    this.title = title;
    this.xLabel = xLabel;
    this.x = x;
    this.categories = categories;
    this.yLabel = yLabel;
    this.y = y;
  }

  static Plot numeric(String title, String xLabel, double xLow, double xHigh, String yLabel, double yLow, double yHigh) {
    return new Plot(title, xLabel, new LinearScale(xLow, xHigh, LEFT, WIDTH - RIGHT), List.of(), yLabel,
        new LinearScale(yLow, yHigh, HEIGHT - BOTTOM, TOP));
  }

  static Plot categorical(String title, String xLabel, List<String> categories, String yLabel, double yHigh) {
    return new Plot(title, xLabel, null, List.copyOf(categories), yLabel, new LinearScale(0, yHigh, HEIGHT - BOTTOM, TOP));
  }

  double x(double value) {
    return x.map(value);
  }

  double y(double value) {
    return y.map(value);
  }

  /** The pixel where category {@code index}'s band starts. */
  double bandStart(int index) {
    return LEFT + index * bandWidth();
  }

  double bandWidth() {
    return (WIDTH - RIGHT - LEFT) / Math.max(1, categories.size());
  }

  /** The top and bottom of the plot area, in pixels. */
  double top() {
    return TOP;
  }

  double bottom() {
    return HEIGHT - BOTTOM;
  }

  Svg marks() {
    return marks;
  }

  /** An SVG polyline through the given data points, drawn as a mark. */
  void polyline(double[] xs, double[] ys, String color, String cssClass, String tooltip) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isNaN(ys[i])) {
        points.append(points.length() == 0 ? "" : " ").append(Svg.number(x(xs[i]))).append(',').append(Svg.number(y(ys[i])));
      }
    }
    marks.mark("polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + color + "\"", cssClass, tooltip);
  }

  /** A rectangle between pixel columns and data values {@code low} to {@code high}, drawn as a mark. */
  void bar(double left, double width, double low, double high, String color, String tooltip) {
    double top = y(high);
    marks.mark("rect x=\"" + Svg.number(left) + "\" y=\"" + Svg.number(top) + "\" width=\"" + Svg.number(width)
        + "\" height=\"" + Svg.number(Math.max(0, y(low) - top)) + "\" fill=\"" + color + "\"", tooltip);
  }

  /** A small circle at a data point, drawn as a mark: single points have no line to show them. */
  void point(double xValue, double yValue, String color, String tooltip) {
    marks.mark("circle cx=\"" + Svg.number(x(xValue)) + "\" cy=\"" + Svg.number(y(yValue)) + "\" r=\"3\" fill=\"" + color
        + "\"", tooltip);
  }

  String render() {
    Svg svg = new Svg();
    svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"panel\" viewBox=\"0 0 " + Svg.number(WIDTH) + " "
        + Svg.number(HEIGHT) + "\" width=\"" + Svg.number(WIDTH) + "\" height=\"" + Svg.number(HEIGHT)
        + "\" role=\"img\" aria-label=\"" + Svg.escape(title) + "\">");
    svg.text(LEFT, 18, "start", "panel-title", title);
    for (double tick : y.ticks()) {
      double position = y.map(tick);
      svg.line(LEFT, position, WIDTH - RIGHT, position, "grid");
      svg.text(LEFT - 6, position + 4, "end", "tick", y.label(tick));
    }
    if (x != null) {
      for (double tick : x.ticks()) {
        double position = x.map(tick);
        svg.line(position, bottom(), position, bottom() + 4, "axis");
        svg.text(position, bottom() + 16, "middle", "tick", x.label(tick));
      }
    } else {
      for (int i = 0; i < categories.size(); i++) {
        svg.text(bandStart(i) + bandWidth() / 2, bottom() + 16, "middle", "tick", categories.get(i));
      }
    }
    svg.line(LEFT, bottom(), WIDTH - RIGHT, bottom(), "axis");
    svg.line(LEFT, TOP, LEFT, bottom(), "axis");
    svg.text((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, "middle", "axis-label", xLabel);
    svg.raw("<text transform=\"translate(14 " + Svg.number((TOP + bottom()) / 2) + ") rotate(-90)\" text-anchor=\"middle\""
        + " class=\"axis-label\">" + Svg.escape(yLabel) + "</text>");
    svg.raw(marks.toString());
    return svg.raw("</svg>").toString();
  }
}
