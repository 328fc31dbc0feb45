package io.branchline.renderer.hls;

/**
 * What a multivariant playlist says of a video rendition, every figure measured: the peak and
 * average bit rates of the segments actually written (bits per second, including the segments'
 * own boxes), the picture size, the frame rate and the RFC 6381 codecs read from the init
 * segment (null when not known yet).
 */
public record StreamDescription(long peakBitsPerSecond, long averageBitsPerSecond, int width, int height, double framesPerSecond,
                                String codecs) {
}
