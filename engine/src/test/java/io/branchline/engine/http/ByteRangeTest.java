package io.branchline.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Range headers as clients and attackers write them: none throws, each gets a defined answer. */
class ByteRangeTest {

    @Test
    void wellFormedRanges() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=-10", 100));
        assertEquals(new ByteRange(50, 99), ByteRange.parse("bytes=50-", 100));
        assertEquals(new ByteRange(50, 99), ByteRange.parse("bytes=50-999999999999999999", 100));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=100-", 100));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-0", 100));
    }

    @Test
    void hugeOrMalformedRangesAreIgnoredNotThrown() {
        // 20 digits overflow a long: such a header is not a range this server can satisfy or
        // even read, so the whole file is sent, as RFC 9110 allows for a header it ignores.
        assertNull(ByteRange.parse("bytes=99999999999999999999-", 100));
        assertNull(ByteRange.parse("bytes=0-99999999999999999999", 100));
        assertNull(ByteRange.parse("bytes=-99999999999999999999", 100));
        assertNull(ByteRange.parse("bytes=abc", 100));
        assertNull(ByteRange.parse("bytes=5-1", 100));
        assertNull(ByteRange.parse("bytes=0-0,5-9", 100));
        assertNull(ByteRange.parse("bytes=-", 100));
        assertNull(ByteRange.parse("items=0-9", 100));
        assertNull(ByteRange.parse(null, 100));
    }
}
