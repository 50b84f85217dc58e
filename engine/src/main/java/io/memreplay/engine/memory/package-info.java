/**
 * The host's memory, ESX-style: the pages each VM has touched (dense indices, {@link
 * io.memreplay.engine.memory.VmPages}), the state of each page and frame, and one class per mechanism —
 * allocation by shares with the idle tax ({@link io.memreplay.engine.memory.Entitlements}), free-memory
 * states, the sharing scanner, the balloon driver, the compression cache, swapping, the active-memory
 * sampler, the cold-page reclaimer — run by {@link io.memreplay.engine.memory.HostMemory} on ticks of
 * trace time, with their policy sections beside them. Depends on {@code config}, {@code sharing} (contents
 * and shared frames), {@code workingset} (last touches), {@code primitives} and the schemas module (result
 * rows); translation hears of large pages through {@link io.memreplay.engine.memory.LargePageListener}.
 */
package io.memreplay.engine.memory;
