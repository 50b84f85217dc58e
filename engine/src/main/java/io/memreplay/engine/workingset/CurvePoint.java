package io.memreplay.engine.workingset;

/**
 * One point of a VM's LRU miss-ratio curve for one window: an LRU memory of {@code memoryPages} pages would
 * have missed on {@code missRatio} of the window's {@code references} references.
 *
 * @param method how the curve was computed ({@link MrcMethod})
 * @param samplingRate the rate pages were sampled at; 1 for exact curves
 */
public record CurvePoint(long windowStartNs, long windowEndNs, MrcMethod method, double samplingRate, long references,
    long memoryPages, double missRatio) {}
