/**
 * What a trace holds, for {@code memreplay inspect}: {@link io.memreplay.ingest.inspect.TraceStatistics}
 * reads a trace dataset as a replay would and reports its events, rejects, time span and per-VM accesses
 * and distinct pages, as JSON (the {@code inspect} command writes the text). Depends on the schemas module's trace API, the engine's {@code
 * primitives} and Jackson, nothing else in ingest.
 */
package io.memreplay.ingest.inspect;
