package io.branchline.renderer.encode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Adds a segment's audio to a fragment the muxer wrote with video only: a track fragment
 * ({@code traf}) for the audio track goes into the {@code moof}, and the AAC frames go after
 * the video's in the {@code mdat}. The video's data offset moves by what the {@code moof}
 * grew, so its samples are found where they were.
 */
final class AudioTraf {

    /** Flags of an audio frame: it depends on no other (every AAC frame can start decoding). */
    private static final int SYNC_SAMPLE_FLAGS = 0x02000000;

    private AudioTraf() {
    }

    /**
     * The fragment with the audio added.
     *
     * @param fragment one {@code moof} and one {@code mdat}, as the muxer wrote them
     * @param trackId  the audio track's id in the init segment
     * @param layout   where the frames go
     * @param frames   the frames' bytes, {@code layout.frames()} of them
     */
    static byte[] add(byte[] fragment, int trackId, AudioLayout layout, List<byte[]> frames) {
        if (frames.size() != layout.frames()) {
            throw new IllegalArgumentException("the layout has " + layout.frames() + " frames, not " + frames.size());
        }
        if (frames.isEmpty()) {
            // A segment no frame starts in: the frame before covers its sound.
            return fragment;
        }
        ByteBuffer data = ByteBuffer.wrap(fragment);
        List<Boxes.Box> top = Boxes.children(data, 0, fragment.length);
        if (top.size() != 2 || !top.get(0).type().equals("moof") || !top.get(1).type().equals("mdat")) {
            throw new IllegalArgumentException("a fragment is one moof and one mdat");
        }
        Boxes.Box moof = top.get(0);
        Boxes.Box mdat = top.get(1);
        byte[] traf = traf(trackId, layout, frames, 0);
        int grown = traf.length;
        int audioBytes = frames.stream().mapToInt(f -> f.length).sum();

        ByteArrayOutputStream out = new ByteArrayOutputStream(fragment.length + grown + audioBytes);
        byte[] newMoof = new byte[moof.end() - moof.start() + grown];
        System.arraycopy(fragment, moof.start(), newMoof, 0, moof.end() - moof.start());
        ByteBuffer m = ByteBuffer.wrap(newMoof);
        m.putInt(0, newMoof.length);
        shiftDataOffsets(m, moof.end() - moof.start(), grown);
        // The audio's samples follow the video's in the mdat: its offset counts from the moof's start.
        int audioOffset = newMoof.length + 8 + (mdat.end() - mdat.payload());
        System.arraycopy(traf(trackId, layout, frames, audioOffset), 0, newMoof, moof.end() - moof.start(), grown);
        out.writeBytes(newMoof);
        ByteBuffer mdatHeader = ByteBuffer.allocate(8).putInt(mdat.end() - mdat.start() + audioBytes).put(new byte[] {'m', 'd', 'a', 't'});
        out.writeBytes(mdatHeader.array());
        out.write(fragment, mdat.payload(), mdat.end() - mdat.payload());
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Moves the data offset of every track run already in the moof by {@code delta}. */
    private static void shiftDataOffsets(ByteBuffer moof, int length, int delta) {
        for (Boxes.Box traf : Boxes.children(moof, 8, length)) {
            if (!traf.type().equals("traf")) {
                continue;
            }
            for (Boxes.Box trun : Boxes.all(moof, traf, "trun")) {
                int flags = moof.getInt(trun.payload()) & 0xFFFFFF;
                if ((flags & 0x01) == 0) {
                    throw new IllegalArgumentException("a track run without a data offset cannot be moved");
                }
                int at = trun.payload() + 8;
                moof.putInt(at, moof.getInt(at) + delta);
            }
        }
    }

    private static byte[] traf(int trackId, AudioLayout layout, List<byte[]> frames, int dataOffset) {
        // tfhd: default-base-is-moof; every frame lasts 1024 samples and is a sync sample.
        ByteBuffer tfhd = box("tfhd", 4 + 4 + 4 + 4).putInt(0x020028).putInt(trackId).putInt(AudioLayout.FRAME).putInt(SYNC_SAMPLE_FLAGS);
        ByteBuffer tfdt = box("tfdt", 4 + 8).putInt(0x01000000).putLong(layout.start());
        int n = layout.frames();
        // trun: data offset, and each sample's size.
        ByteBuffer trun = box("trun", 4 + 4 + 4 + n * 4).putInt(0x000201).putInt(n).putInt(dataOffset);
        for (int i = 0; i < n; i++) {
            trun.putInt(frames.get(i).length);
        }
        int size = 8 + tfhd.capacity() + tfdt.capacity() + trun.capacity();
        ByteBuffer traf = ByteBuffer.allocate(size).putInt(size).put(new byte[] {'t', 'r', 'a', 'f'});
        traf.put(tfhd.array()).put(tfdt.array()).put(trun.array());
        return traf.array();
    }

    private static ByteBuffer box(String type, int payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload);
        b.putInt(8 + payload);
        for (int i = 0; i < 4; i++) {
            b.put((byte) type.charAt(i));
        }
        return b;
    }
}
