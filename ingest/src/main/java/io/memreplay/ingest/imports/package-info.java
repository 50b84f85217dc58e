/**
 * Importers of memory traces recorded from real programs: valgrind lackey ({@code --trace-mem=yes}) and
 * Intel Pin's {@code pinatrace}; what every importer shares (checking inputs, starting the dataset, its rejects, the
 * scenario, the exception an unusable input raises). The other importers live in sub-packages (demand CSV and
 * its staging, esxtop, DAMON, process snapshots), and every file importer opens its inputs through the
 * compression sub-package. {@link io.memreplay.ingest.imports.TraceImporter} streams text files into
 * a trace dataset and a scenario; per format, a {@link io.memreplay.ingest.imports.LineParser} turns a
 * line into an access, a skipped line or a malformed one, reading the line's bytes by hand with a {@link
 * io.memreplay.ingest.imports.LineCursor} (no String, no regex per line). Depends on the schemas module's
 * trace API, the engine's {@code config} (the scenario) and {@code primitives} (the page sets), nothing
 * else in ingest.
 */
package io.memreplay.ingest.imports;
