/**
 * Human-readable reports over a {@link io.memreplay.analytics.sql.ResultsDatabase}. The SQL of each
 * report lives in resource files beside these classes ({@code io/memreplay/analytics/report/*.sql}), so
 * it can be read, and run by hand, as SQL. Depends on the sql package only.
 */
package io.memreplay.analytics.report;
