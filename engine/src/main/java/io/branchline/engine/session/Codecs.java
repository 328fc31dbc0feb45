package io.branchline.engine.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The RFC 6381 {@code codecs} parameter of an fMP4 init segment ({@code avc1.PPCCLL} from its
 * {@code avcC} box, {@code mp4a.40.2} when it has an AAC track), which a browser's Media Source
 * needs before it takes the segments.
 */
final class Codecs {

    private Codecs() {
    }

    static String of(byte[] init) {
        List<String> found = new ArrayList<>();
        int avcC = indexOf(init, "avcC");
        if (avcC >= 0 && avcC + 8 <= init.length) {
            // avcC payload: configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication.
            found.add("avc1." + HexFormat.of().withUpperCase().formatHex(init, avcC + 5, avcC + 8));
        }
        if (indexOf(init, "mp4a") >= 0) {
            found.add("mp4a.40.2");
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("the init segment has neither an avcC nor an mp4a box");
        }
        return String.join(", ", found);
    }

    private static int indexOf(byte[] data, String type) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 4; i + t.length <= data.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (data[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
