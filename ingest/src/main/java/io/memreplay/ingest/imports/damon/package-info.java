/**
 * Import of DAMON access-monitoring records ({@code damo record}: its {@code json_compressed}, {@code json} and
 * {@code perf_script} forms, {@link io.memreplay.ingest.imports.damon.RecordFormat}): {@link
 * io.memreplay.ingest.imports.damon.DamonJsonReader} and {@link io.memreplay.ingest.imports.damon.PerfScriptReader}
 * read the snapshots' accessed regions into primitive arrays ({@link
 * io.memreplay.ingest.imports.damon.DamonRecording}); {@link io.memreplay.ingest.imports.damon.AccessWindows} turns
 * them into reads of every page of every accessed region, window by window. Depends on the imports package
 * (output, scenario, exceptions), its compression package, Jackson's streaming parser and the schemas module's
 * trace writer.
 */
package io.memreplay.ingest.imports.damon;
