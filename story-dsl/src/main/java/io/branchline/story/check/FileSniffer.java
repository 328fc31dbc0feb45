package io.branchline.story.check;

import java.nio.charset.StandardCharsets;

/** Tells a file's format from its first bytes, whatever its name says. */
final class FileSniffer {

    private FileSniffer() {
    }

    /** A short format name such as {@code png} or {@code mp4}, {@code text}, or null when unknown. */
    static String sniff(byte[] b) {
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "png";
        }
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
            return "jpeg";
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return "gif";
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return "webp";
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
            return "wav";
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "AVI ")) {
            return "avi";
        }
        if (ascii(b, 0, "BM") && b.length > 26) {
            return "bmp";
        }
        if (ascii(b, 4, "ftyp")) {
            String brand = b.length >= 12 ? new String(b, 8, 4, StandardCharsets.ISO_8859_1) : "";
            if (brand.startsWith("M4A") || brand.startsWith("M4B")) {
                return "m4a";
            }
            return brand.startsWith("qt") ? "mov" : "mp4";
        }
        if (starts(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return containsAscii(b, "webm") ? "webm" : "mkv";
        }
        if (ascii(b, 0, "OggS")) {
            return "ogg";
        }
        if (ascii(b, 0, "fLaC")) {
            return "flac";
        }
        if (ascii(b, 0, "ID3") || (b.length > 1 && (b[0] & 0xFF) == 0xFF && ((b[1] & 0xE6) == 0xE2))) {
            return "mp3";
        }
        if (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xF6) == 0xF0) {
            return "aac";
        }
        return looksLikeText(b) ? "text" : null;
    }

    private static boolean looksLikeText(byte[] b) {
        for (byte x : b) {
            int c = x & 0xFF;
            if (c < 0x09 || (c > 0x0D && c < 0x20)) {
                return false;
            }
        }
        return b.length > 0;
    }

    private static boolean starts(byte[] b, int at, int... bytes) {
        if (b.length < at + bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((b[at + i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String s) {
        return b.length >= at + s.length() && new String(b, at, s.length(), StandardCharsets.ISO_8859_1).equals(s);
    }

    private static boolean containsAscii(byte[] b, String s) {
        return new String(b, StandardCharsets.ISO_8859_1).contains(s);
    }
}
