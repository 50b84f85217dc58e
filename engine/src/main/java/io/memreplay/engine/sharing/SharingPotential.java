package io.memreplay.engine.sharing;

/**
 * What sharing could save for one VM at one instant, in 4 KB pages. With n the VM's copies of a content
 * and k the VMs of its salt group holding that content, the VM is charged 1/k of the one frame every
 * content needs, so
 *
 * <pre>
 *   potential = sum over contents of (n - 1/k)
 *   intra     = sum over non-zero contents of (n - 1)
 *   inter     = sum over non-zero contents of (1 - 1/k)
 * </pre>
 *
 * and over all VMs the potential adds up to the frames sharing frees on the host.
 *
 * @param knownPages pages whose content is known
 * @param zeroPages pages whose content is all zeros
 * @param intraDupPages non-zero pages duplicating another page of the same VM
 * @param interDupPages this VM's share of duplicates across VMs of its salt group
 * @param potentialPages all pages sharing could free, charged to this VM
 */
public record SharingPotential(long knownPages, long zeroPages, long intraDupPages, double interDupPages,
    double potentialPages) {}
