/**
 * Primitive collections for the hot path: open-addressing hash maps from long keys, so that a page or a
 * content hash costs no object; paged columns of ints, longs and bytes by dense index, in which the
 * per-page state of every model lives; and growable int arrays. Depends on nothing.
 */
package io.memreplay.engine.primitives;
