/**
 * The HTML report: one self-contained page (inline CSS, inline SVG drawn here, a few lines of inline
 * script that only mark which charts the browser laid out) with charts of a results dataset: each VM's
 * memory over time, the host's memory state, the miss-ratio curves, working sets and the policy
 * comparison. Opening it needs no network. The charts draw the rows of the canned reports of the
 * {@code report} package (and the {@code mrc} table), so what they show is what those reports print.
 * Depends on the sql and report packages.
 */
package io.memreplay.analytics.html;
