/**
 * Guest memory as the host sees it: the pages each VM has touched, indexed densely so that every other
 * per-page fact (last touch, content, later the reclamation state) is a primitive array slot.
 * Depends on {@code primitives} only.
 */
package io.memreplay.engine.memory;
