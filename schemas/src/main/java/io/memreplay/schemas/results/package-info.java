/**
 * From named values to result records: {@link io.memreplay.schemas.results.RecordMapper} builds the Avro
 * record of a result table from values given by column name, as the engine computes them, checking the
 * names and types against the table's schema once. Depends on Avro and the generated record classes only.
 */
package io.memreplay.schemas.results;
