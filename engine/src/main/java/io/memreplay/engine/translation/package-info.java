/**
 * Address translation: from a guest virtual address to the guest physical page the memory model
 * accounts for. When a trace does not record guest physical addresses, a guest allocator model places
 * each (address space, virtual page) on a guest physical page at first touch. Depends on
 * {@code primitives} only.
 */
package io.memreplay.engine.translation;
