/**
 * Human-readable reports over a {@link io.memreplay.analytics.sql.ResultsDatabase}: the summary, whose
 * SQL lives in resource files beside these classes ({@code io/memreplay/analytics/report/*.sql}), and
 * the canned reports, one question and one query each, shipped as {@code reports/*.sql} at the root of
 * the class path, so they can be read, and run by hand, as SQL. Also the check that results to be
 * compared replayed one trace. Depends on the sql package only.
 */
package io.memreplay.analytics.report;
