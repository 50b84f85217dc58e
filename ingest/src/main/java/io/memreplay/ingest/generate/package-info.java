/**
 * The synthetic host trace generator behind {@code memreplay generate}: {@link
 * io.memreplay.ingest.generate.TraceGenerator} turns a {@link io.memreplay.ingest.generate.GeneratorSpec}
 * into a trace dataset and its scenario. The model is a host of Linux and Windows VMs whose memory holds an
 * OS image, libraries, zero pages and private data, and whose accesses follow per-VM working-set phases
 * with Zipf-skewed page popularity. Everything is drawn from one seed, split per VM, so the same spec
 * gives the same bytes. Depends on the schemas module's trace API and the engine's {@code config} (the
 * scenario) and {@code primitives} (hash mixing), nothing else in ingest.
 */
package io.memreplay.ingest.generate;
