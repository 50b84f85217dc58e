/**
 * What a model is and what it sees. A {@link io.memreplay.engine.model.Model} is one mechanism of the
 * simulated host (working sets, miss-ratio curves, host memory and its reclamation, address translation,
 * and whatever is added next): the replay loop feeds it stretches of {@link
 * io.memreplay.engine.model.Accesses} whose pages are already resolved to the dense {@link
 * io.memreplay.engine.model.VmPages} indices every model shares, the trace's other events, and the
 * passing of host time; at each output interval's end it adds its values to {@link
 * io.memreplay.engine.model.Row}s of the result {@link io.memreplay.engine.model.Table}s, in columns it
 * declared up front. Rows are the engine's own values, named like the result schema's fields; turning them
 * into stored records is the sinks' business. The host model talks back to the loop through {@link
 * io.memreplay.engine.model.HostFeedback}: which VMs run, how long they waited. A model that only observes
 * may take its steps on a thread of its own ({@link io.memreplay.engine.model.ObserverThread}), as {@link
 * io.memreplay.engine.model.Threading} allows.
 *
 * <p>Depends on {@code config} (the VMs a model simulates), {@code primitives} and the schemas module's trace
 * columns only;
 * the model packages ({@code workingset}, {@code memory}, {@code translation}) depend on this one, and the
 * replay loop, which builds models through its registry, on all of them.
 */
package io.memreplay.engine.model;
