package io.branchline.renderer.encode;

/**
 * One CMAF media segment of a scene visit.
 *
 * @param index      its place in the scene, from 0
 * @param bytes      the {@code moof} and {@code mdat} boxes
 * @param startFrame the first video frame it holds
 * @param frames     how many video frames it holds
 * @param disclosed  whether any of its frames carries the AI disclosure label
 */
public record EncodedSegment(int index, byte[] bytes, int startFrame, int frames, boolean disclosed) {

    /** Its duration in milliseconds at {@code fps}. */
    public double durationMs(int fps) {
        return frames * 1000.0 / fps;
    }
}
