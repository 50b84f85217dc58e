/**
 * Address translation: guest page tables (from the trace, or a guest allocator model placing pages on
 * first touch, with transparent huge pages as an option), host backing with 4 KB, 2 MB or 1 GB pages,
 * set-associative TLBs in a per-vCPU hierarchy with CPU presets, native, nested (2D) and shadow page
 * walks with paging-structure caches and a nested TLB, and the cycle cost model, as the replay's {@link
 * io.memreplay.engine.translation.TranslationModel}. One
 * {@link io.memreplay.engine.translation.VmTranslation} per VM and policy counts what happened per output
 * interval. On a large host with a processor to spare, the model hands its steps to a thread of its own
 * ({@code TranslationWorker}, through the model package's {@code ObserverThread}), in order, and waits for
 * it at interval ends.
 * Depends on {@code model}, {@code primitives}, {@code config} (its settings: the translation
 * section, TLB geometries, page sizes) and the schemas module's trace columns.
 */
package io.memreplay.engine.translation;
