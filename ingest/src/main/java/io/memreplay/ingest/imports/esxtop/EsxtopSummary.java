package io.memreplay.ingest.imports.esxtop;

import io.memreplay.ingest.imports.demand.DemandSummary;
import java.util.List;

/**
 * What an esxtop import wrote and what it read.
 *
 * @param demand the samples, VMs and rejects, as every demand import has them
 * @param host the host of the trace
 * @param machineMb the host's memory the files recorded, or null when they did not
 * @param skippedGroups groups whose memory size was always 0 or absent: the VMkernel's own ({@code system},
 *     {@code vim}, ...), not VMs
 * @param missingSamples VM samples the files left empty (the VM not running then)
 * @param observedFound the observed counters some VM had a column of, by key
 * @param observedMissing the observed counters no VM had, each with the names looked for
 */
public record EsxtopSummary(DemandSummary demand, String host, Long machineMb, List<String> skippedGroups,
    long missingSamples, List<String> observedFound, List<String> observedMissing) {}
