/**
 * Working sets: the exact number of distinct pages a VM touches per output interval, Denning's W(t, tau)
 * for several windows tau, in 4 KB pages and 2 MB regions ({@link io.memreplay.engine.workingset.WorkingSetTracker},
 * the {@link io.memreplay.engine.workingset.WorkingSetModel} of a replay), and LRU miss-ratio curves per VM
 * and window ({@link io.memreplay.engine.workingset.VmMissRatioCurves}, the {@link
 * io.memreplay.engine.workingset.MissRatioModel}): exact stack distances (Olken's method with a Fenwick tree,
 * {@code LruStack}) or SHARDS sampling at a fixed rate or size ({@code ShardsMrc}), at the memory sizes of a
 * {@link io.memreplay.engine.workingset.MemoryGrid}. Depends on {@code model} and {@code primitives}.
 */
package io.memreplay.engine.workingset;
