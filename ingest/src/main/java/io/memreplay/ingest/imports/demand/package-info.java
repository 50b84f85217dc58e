/**
 * Import of monitoring exports (vCenter, Prometheus... as CSV) into a trace's {@code demand} table, and the
 * {@link io.memreplay.ingest.imports.demand.DemandStaging} every demand importer (this one, esxtop) hands its
 * samples to:
 * {@link io.memreplay.ingest.imports.demand.DemandCsvImporter} reads the file through DuckDB's CSV reader
 * ({@link io.memreplay.ingest.imports.demand.CsvScan}), maps columns and units as the user says ({@link
 * io.memreplay.ingest.imports.demand.ColumnMap}), checks every record ({@link
 * io.memreplay.ingest.imports.demand.SampleParser}) and lets DuckDB number the VMs and sort the samples.
 * Lives in ingest, beside the other importers, because it writes a trace; it uses DuckDB's JDBC driver
 * directly (a library, as in analytics), not the analytics module, which ingest may not depend on.
 */
package io.memreplay.ingest.imports.demand;
