/**
 * Human-readable reports over a {@link io.memreplay.analytics.sql.ResultsDatabase}: the summary, whose
 * SQL lives in resource files beside these classes ({@code io/memreplay/analytics/report/*.sql}), and
 * the canned reports, one question and one query each, shipped as {@code reports/*.sql} at the root of
 * the class path, so they can be read, and run by hand, as SQL. Also the check that results to be
 * compared replayed one trace, and the attaching of that trace ({@link
 * io.memreplay.analytics.report.ObservedTrace}) for the reports that compare with what it recorded. Depends
 * on the sql package and the schemas module's trace manifest.
 */
package io.memreplay.analytics.report;
