package io.memreplay.ingest.imports.demand;

/**
 * One CSV record as a demand sample, before the VM has its id and the period is known for sure.
 *
 * @param periodNs the period from the record, or -1 when it has none
 * @param touchedPages -1 when not mapped
 * @param configuredPages -1 when not mapped
 */
record Sample(String vm, long tsNs, long periodNs, long activePages, long touchedPages, long configuredPages) {}
