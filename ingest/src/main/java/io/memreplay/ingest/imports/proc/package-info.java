/**
 * Snapshots of running Linux processes' memory as page contents: {@link
 * io.memreplay.ingest.imports.proc.ProcSnapshotImporter} reads {@code /proc/PID/maps}, {@code pagemap} and
 * {@code mem} ({@link io.memreplay.ingest.imports.proc.ProcessSnapshot}, {@link
 * io.memreplay.ingest.imports.proc.Residency}) and records each resident page's hash, zero flag and compressed
 * size ({@link io.memreplay.ingest.imports.proc.PageDigest}) in a trace's {@code contents} table, so that
 * sharing and compression can be measured on real processes. Needs root or ptrace permission over the
 * processes. Depends on the imports package (scenario, exceptions) and the schemas module's trace writer.
 */
package io.memreplay.ingest.imports.proc;
