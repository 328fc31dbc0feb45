package io.branchline.renderer.provenance;

import java.nio.charset.StandardCharsets;

/**
 * The type box a signed media segment starts with. C2PA readers of ISO BMFF (c2pa-rs among
 * them, up to its 0.9x releases) read only a file that starts with {@code ftyp}, so a signed
 * segment starts with one (brands {@code msdh}, {@code msix}, {@code cmfs}: a media segment),
 * and can be checked on its own. Players skip it: MSE in Chromium, hls.js, shaka-player and
 * ffmpeg play a stream of such segments (our conformance tests check that).
 */
final class SegmentType {

    private static final byte[] TYPE = Jumbf.box("ftyp", "msdh\0\0\0\0msdhmsixcmfs".getBytes(StandardCharsets.ISO_8859_1));

    private SegmentType() {
    }

    /** {@code segment} starting with a type box (added when it has none). */
    static byte[] prefixed(byte[] segment) {
        if (segment.length >= 8) {
            String first = new String(segment, 4, 4, StandardCharsets.ISO_8859_1);
            if (first.equals("ftyp") || first.equals("styp")) {
                return segment;
            }
        }
        byte[] out = new byte[TYPE.length + segment.length];
        System.arraycopy(TYPE, 0, out, 0, TYPE.length);
        System.arraycopy(segment, 0, out, TYPE.length, segment.length);
        return out;
    }
}
