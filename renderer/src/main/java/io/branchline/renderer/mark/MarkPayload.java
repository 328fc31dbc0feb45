package io.branchline.renderer.mark;

import java.util.HexFormat;

/**
 * What the invisible watermark carries: 64 bits, the server that rendered a visit and the visit.
 *
 * @param serverId the rendering server's stable 32-bit id (kept in its data folder)
 * @param visitId  the first 32 bits of the visit's content key, computed without the watermark's
 *                 own fields (so the full and draft tiers of a visit carry the same id)
 */
public record MarkPayload(int serverId, int visitId) {

    /** The 64 bits, server id first (big-endian). */
    public long bits() {
        return ((long) serverId << 32) | (visitId & 0xFFFFFFFFL);
    }

    public static MarkPayload ofBits(long bits) {
        return new MarkPayload((int) (bits >>> 32), (int) bits);
    }

    /** The visit id of a content key written in hex: its first 8 hex digits. */
    public static int visitId(String contentKeyHex) {
        return (int) Long.parseLong(contentKeyHex.substring(0, 8), 16);
    }

    /** An id as the CLI and the docs write it: 8 lower-case hex digits. */
    public static String hex(int id) {
        return HexFormat.of().toHexDigits(id);
    }

    @Override
    public String toString() {
        return "server " + hex(serverId) + ", visit " + hex(visitId);
    }
}
