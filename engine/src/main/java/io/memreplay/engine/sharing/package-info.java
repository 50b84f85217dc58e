/**
 * Page sharing: which contents each VM holds, which VMs may share them (salt groups), how many pages
 * sharing could free (the potential), and the shared frames and hints transparent page sharing keeps
 * ({@link io.memreplay.engine.sharing.SharedFrames}). Depends on {@code config}, {@code primitives} and fastutil.
 */
package io.memreplay.engine.sharing;
