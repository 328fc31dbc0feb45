package io.branchline.renderer.encode;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Moves media segments in time, so segments of scenes rendered separately (each starting
 * at zero) play one after the other on one timeline: each track fragment's decode time
 * ({@code tfdt}) is shifted by the time of the scenes before it. With that, a path through
 * several scenes is one continuous stream after one init segment: no discontinuity.
 */
public final class Retimer {

    private final Map<Integer, Long> timescales;

    /** Reads each track's timescale from an init segment. */
    public Retimer(byte[] init) {
        this.timescales = timescales(ByteBuffer.wrap(init));
    }

    /**
     * A copy of a media segment moved later by {@code seconds} (given exactly as a fraction:
     * {@code numerator / denominator} seconds, for example frames / fps).
     */
    public byte[] shift(byte[] segment, long numerator, long denominator) {
        byte[] copy = segment.clone();
        ByteBuffer data = ByteBuffer.wrap(copy);
        for (Boxes.Box moof : Boxes.children(data, 0, copy.length)) {
            if (!moof.type().equals("moof")) {
                continue;
            }
            for (Boxes.Box traf : Boxes.all(data, moof, "traf")) {
                Boxes.Box tfhd = Boxes.first(data, traf, "tfhd");
                Boxes.Box tfdt = Boxes.first(data, traf, "tfdt");
                if (tfhd == null || tfdt == null) {
                    continue;
                }
                int trackId = data.getInt(tfhd.payload() + 4);
                Long timescale = timescales.get(trackId);
                if (timescale == null) {
                    throw new IllegalArgumentException("the segment has track " + trackId + ", which the init segment does not");
                }
                long delta = Math.round((double) numerator * timescale / denominator);
                int version = data.get(tfdt.payload()) & 0xFF;
                int at = tfdt.payload() + 4;
                if (version == 1) {
                    data.putLong(at, data.getLong(at) + delta);
                } else {
                    long moved = Integer.toUnsignedLong(data.getInt(at)) + delta;
                    if (moved > 0xFFFFFFFFL) {
                        throw new IllegalArgumentException("a 32-bit decode time cannot hold " + moved);
                    }
                    data.putInt(at, (int) moved);
                }
            }
        }
        return copy;
    }

    private static Map<Integer, Long> timescales(ByteBuffer data) {
        Map<Integer, Long> result = new HashMap<>();
        for (Boxes.Box top : Boxes.children(data, 0, data.limit())) {
            if (!top.type().equals("moov")) {
                continue;
            }
            for (Boxes.Box trak : Boxes.all(data, top, "trak")) {
                Boxes.Box tkhd = Boxes.first(data, trak, "tkhd");
                Boxes.Box mdia = Boxes.first(data, trak, "mdia");
                Boxes.Box mdhd = mdia == null ? null : Boxes.first(data, mdia, "mdhd");
                if (tkhd == null || mdhd == null) {
                    continue;
                }
                int tkhdVersion = data.get(tkhd.payload()) & 0xFF;
                int trackId = data.getInt(tkhd.payload() + 4 + (tkhdVersion == 1 ? 16 : 8));
                int mdhdVersion = data.get(mdhd.payload()) & 0xFF;
                long timescale = Integer.toUnsignedLong(data.getInt(mdhd.payload() + 4 + (mdhdVersion == 1 ? 16 : 8)));
                result.put(trackId, timescale);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("not an init segment: no track with a timescale");
        }
        return result;
    }
}
