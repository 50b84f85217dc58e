/**
 * Primitive collections for the hot path: open-addressing hash maps from long keys, so that a page or a
 * content hash costs no object; paged columns of ints, longs and bytes by dense index, in which the
 * per-page state of every model lives; growable int arrays; and a random sequence that can be read ahead.
 * Depends on nothing.
 */
package io.memreplay.engine.primitives;
