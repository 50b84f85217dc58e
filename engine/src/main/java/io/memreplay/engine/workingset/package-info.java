/**
 * Working sets: the exact number of distinct pages a VM touches per output interval, and Denning's
 * W(t, tau) for several windows tau, in 4 KB pages and 2 MB regions. Depends on {@code memory}.
 */
package io.memreplay.engine.workingset;
