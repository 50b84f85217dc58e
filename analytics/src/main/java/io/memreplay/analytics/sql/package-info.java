/**
 * SQL over results datasets: {@link io.memreplay.analytics.sql.ResultsDatabase} opens an in-memory
 * DuckDB with one view per result table over one or more results folders, {@link
 * io.memreplay.analytics.sql.DatabaseExport} writes those views into a DuckDB file for other clients, and {@link
 * io.memreplay.analytics.sql.ResultPrinter} prints query results as an aligned table, CSV or JSON. {@link
 * io.memreplay.analytics.sql.TraceDemandView} adds the demand samples of the trace the results replayed.
 * Depends on the results package (table names, schemas and file layout), DuckDB's JDBC driver and
 * Jackson's streaming generator.
 */
package io.memreplay.analytics.sql;
