/**
 * Primitive collections for the hot path: open-addressing hash maps from long keys, so that a page or
 * a content hash costs no object, and growable int arrays indexed by dense ids. Depends on nothing.
 */
package io.memreplay.engine.primitives;
