/**
 * Import of esxtop batch files ({@code esxtop -b}, PerfMon's wide CSV: one column per object, instance and
 * counter): {@link io.memreplay.ingest.imports.esxtop.EsxtopImporter} streams the rows ({@link
 * io.memreplay.ingest.imports.esxtop.PdhCsvReader}, only the wanted fields become text), finds each VM's
 * {@code Group Memory} columns ({@link io.memreplay.ingest.imports.esxtop.Layout}, {@link
 * io.memreplay.ingest.imports.esxtop.Counter}) and hands the VMs' demand and the host's observed state to the
 * demand package's staging, which writes the trace. Depends on the imports package (output, exceptions), its
 * compression and demand packages, and the schemas module's trace writer.
 */
package io.memreplay.ingest.imports.esxtop;
