/**
 * Page sharing: which contents each VM holds, which VMs may share them (salt groups), and how many
 * pages sharing could free. Depends on {@code config} and {@code primitives}.
 */
package io.memreplay.engine.sharing;
