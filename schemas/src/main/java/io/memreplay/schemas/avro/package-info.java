/**
 * Record classes generated from {@code src/main/avro/*.avsc}: the trace record kinds (MemoryAccess,
 * PageTableOp, PageContent, MemoryDemand) and the result tables (Run, VmInterval, HostInterval,
 * TranslationInterval, WorkingSet, MrcPoint, Reject). The schemas are the single source of truth for
 * column names, types and units; nothing here is written by hand but this file.
 */
package io.memreplay.schemas.avro;
