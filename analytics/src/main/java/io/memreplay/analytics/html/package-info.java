/**
 * The charts of a results dataset: each VM's memory over time, the host's memory state, the miss-ratio
 * curves, working sets and the policy comparison. {@link io.memreplay.analytics.html.Charts} describes each
 * chart once (a {@code Figure}: title, caption, legend and SVG panels); {@link
 * io.memreplay.analytics.html.HtmlReport} draws them all on one self-contained page (inline CSS and SVG, a
 * few lines of inline script that only mark which charts the browser laid out; opening it needs no
 * network), and {@link io.memreplay.analytics.html.ChartFiles} writes each as an SVG file of its own or a
 * PNG that Batik renders from that SVG. The charts draw the rows of the canned reports of the {@code
 * report} package (and the {@code mrc} table), so what they show is what those reports print.
 * Depends on the sql and report packages, and on Batik for PNG.
 */
package io.memreplay.analytics.html;
