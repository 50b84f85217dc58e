/**
 * The host's memory, ESX-style, as the {@link io.memreplay.engine.memory.HostMemoryModel} of a replay: the
 * state of each touched page and frame, and one class per mechanism — allocation by shares with the idle
 * tax ({@link io.memreplay.engine.memory.Entitlements}), free-memory states, the sharing scanner, the
 * balloon driver, the compression cache, swapping, the active-memory sampler, the cold-page reclaimer — run
 * by {@link io.memreplay.engine.memory.HostMemory} on ticks of host time. Depends on {@code model} (pages,
 * rows), {@code config} (its settings), {@code sharing} (contents and shared frames), {@code workingset}
 * (what a page never touched reads as), {@code primitives}, fastutil and the schemas module's trace columns;
 * translation hears of large pages through {@link io.memreplay.engine.memory.LargePageListener}.
 */
package io.memreplay.engine.memory;
