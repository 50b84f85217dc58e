/**
 * Result tables and the Parquet results dataset the replay writes them to.
 *
 * <p>A results dataset is a folder with one sub-folder per {@link io.memreplay.analytics.results.ResultTable}:
 *
 * <pre>
 * &lt;dir&gt;/&lt;table&gt;/policy=&lt;policy&gt;/&lt;run_id&gt;.parquet   runs, vm_intervals, host_intervals,
 *                                                translation, working_sets, mrc: one file per run
 * &lt;dir&gt;/rejects/&lt;replay_id&gt;.parquet             rejects: one file per replay
 * </pre>
 *
 * The {@code policy} column is also stored inside the files, so they stand alone; DuckDB's Hive
 * partitioning merges folder and column into one {@code policy} column. Every run writes all six of its
 * files, with zero rows if need be, so readers always find a schema. Files are written under hidden
 * temporary names ({@code .<name>.parquet.tmp}) and renamed into place; a run's {@code runs} file is
 * renamed last, so a run exists for readers exactly when its {@code runs} row does. Run and replay ids
 * are digests of the inputs, so replaying the same inputs again overwrites the same files; except that an
 * INCOMPLETE run (one that lost input) never replaces a COMPLETE one.
 *
 * <p>Depends on the schemas module (record classes, Parquet plumbing) and on the engine's output
 * interfaces (and their run statuses) only.
 */
package io.memreplay.analytics.results;
