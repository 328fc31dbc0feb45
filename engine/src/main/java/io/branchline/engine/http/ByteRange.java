package io.branchline.engine.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a {@code Range: bytes=…} header (RFC 9110), for files of a known size.
 * A header that is not one well-formed byte range is ignored (the whole file is sent), as the
 * RFC allows; a well-formed range that does not fit the file is unsatisfiable (416).
 *
 * @param from first byte, inclusive
 * @param to   last byte, inclusive
 */
record ByteRange(long from, long to) {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");
    /** The answer for a range past the end of the file. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /** The range {@code header} asks of a file of {@code size} bytes; null to send it whole; {@link #UNSATISFIABLE}. */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        long from;
        long to;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                return UNSATISFIABLE;
            }
            from = Math.max(0, size - suffix);
            to = size - 1;
        } else {
            from = Long.parseLong(m.group(1));
            to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < from) {
                return null; // syntactically invalid: last before first
            }
        }
        return from >= size || from > to ? UNSATISFIABLE : new ByteRange(from, to);
    }

    /** 416, with the size in Content-Range and a problem saying what could be asked. */
    static void unsatisfiable(RoutingContext ctx, long size) {
        ctx.response().putHeader("Content-Range", "bytes */" + size);
        Problems.send(ctx, 416, "Range not satisfiable", "the file has " + size + " bytes; ask for a range that starts before its end,"
                + " such as bytes=0-" + Math.max(0, size - 1));
    }

    long length() {
        return to - from + 1;
    }

    /** Sends {@code body} whole, or the part the request's {@code Range} asks for (206), or 416. */
    static void send(RoutingContext ctx, Buffer body, String contentType, String cacheControl) {
        var response = ctx.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", cacheControl)
                .putHeader("Accept-Ranges", "bytes");
        ByteRange range = parse(ctx.request().getHeader("Range"), body.length());
        if (range == null) {
            response.end(body);
        } else if (range == UNSATISFIABLE) {
            unsatisfiable(ctx, body.length());
        } else {
            response.setStatusCode(206).putHeader("Content-Range", "bytes " + range.from() + "-" + range.to() + "/" + body.length())
                    .end(body.getBuffer((int) range.from(), (int) range.to() + 1));
        }
    }
}
