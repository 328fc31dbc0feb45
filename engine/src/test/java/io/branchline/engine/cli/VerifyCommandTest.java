package io.branchline.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render} signs what it writes, and {@code verify} holds it up, or names what was done to it. */
class VerifyCommandTest {

    private static final String STORY = String.join("\n",
            "title: Small",
            "format: 240x426 30fps",
            "segment: 1s",
            "=== start ===",
            "shot 2s color \"#203040\"",
            "-> next",
            "=== next ===",
            "shot 2s title \"Hi\"",
            "-> END",
            "");

    @TempDir
    static Path dir;
    private static Path out;

    @BeforeAll
    static void render() throws Exception {
        Path story = Files.writeString(dir.resolve("small.story"), STORY, StandardCharsets.UTF_8);
        out = dir.resolve("out");
        MainTest.Run r = MainTest.run("render", story.toString(), "--out", out.toString(), "--data", dir.resolve("data").toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("signed with C2PA Content Credentials"), r.all());
    }

    /** A copy of the rendered folder whose playlist lists {@code segments} (indexes into the original) in that order. */
    private static Path withSegments(String name, int... segments) throws Exception {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy.resolve("path"));
        for (Path p : Files.list(out.resolve("path")).toList()) {
            Files.copy(p, copy.resolve("path").resolve(p.getFileName()));
        }
        Files.copy(out.resolve("init.mp4"), copy.resolve("init.mp4"));
        List<String> lines = new ArrayList<>();
        List<String> media = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("index.m3u8"))) {
            if (line.startsWith("path/")) {
                media.add(line);
            }
        }
        for (String line : Files.readAllLines(out.resolve("index.m3u8"))) {
            if (line.startsWith("#EXTINF") || line.startsWith("path/") || line.equals("#EXT-X-ENDLIST")) {
                continue;
            }
            lines.add(line);
        }
        for (int s : segments) {
            lines.add("#EXTINF:1.000,");
            lines.add(media.get(s));
        }
        lines.add("#EXT-X-ENDLIST");
        Files.write(copy.resolve("index.m3u8"), lines);
        return copy;
    }

    @Test
    void aRenderedFolderVerifiesAndSoDoesOneSegment() {
        MainTest.Run r = MainTest.run("verify", out.toString(), "--trust", dir.resolve("data/signing/cert.pem").toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("verified: the init segment and 4 media segments carry sound Content Credentials"), r.all());
        assertTrue(r.out().contains("a trusted certificate"), r.all());
        MainTest.Run one = MainTest.run("verify", out.resolve("path/00002.m4s").toString());
        assertEquals(0, one.code(), one.all());
        assertTrue(one.out().contains("verified: the file carries"), one.all());
    }

    @Test
    void eachTamperingIsNamed() throws Exception {
        MainTest.Run dropped = MainTest.run("verify", withSegments("dropped", 0, 2, 3).toString());
        assertEquals(1, dropped.code(), dropped.all());
        assertTrue(dropped.out().contains("segment 2 is missing (dropped)"), dropped.all());

        MainTest.Run swapped = MainTest.run("verify", withSegments("swapped", 0, 2, 1, 3).toString());
        assertEquals(1, swapped.code(), swapped.all());
        assertTrue(swapped.out().contains("out of order"), swapped.all());

        MainTest.Run replayed = MainTest.run("verify", withSegments("replayed", 0, 1, 1, 2, 3).toString());
        assertEquals(1, replayed.code(), replayed.all());
        assertTrue(replayed.out().contains("a segment was replayed"), replayed.all());

        Path changed = withSegments("changed", 0, 1, 2, 3);
        byte[] bytes = Files.readAllBytes(changed.resolve("path/00001.m4s"));
        int mdat = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("mdat");
        bytes[mdat + 16] ^= 0x10;
        Files.write(changed.resolve("path/00001.m4s"), bytes);
        MainTest.Run byteChanged = MainTest.run("verify", changed.toString());
        assertEquals(1, byteChanged.code(), byteChanged.all());
        assertTrue(byteChanged.out().contains("path/00001.m4s: its bytes do not match the signed hash"), byteChanged.all());

        Path otherKey = dir.resolve("other");
        MainTest.Run again = MainTest.run("render", dir.resolve("small.story").toString(), "--out", otherKey.toString(), "--data",
                dir.resolve("other-data").toString());
        assertEquals(0, again.code(), again.all());
        Path swappedInit = withSegments("swapped-init", 0, 1, 2, 3);
        Files.copy(otherKey.resolve("init.mp4"), swappedInit.resolve("init.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        MainTest.Run init = MainTest.run("verify", swappedInit.toString());
        assertEquals(1, init.code(), init.all());
        assertTrue(init.out().contains("not by the key that signed the init segment"), init.all());
    }

    @Test
    void theWatermarkIsReadByVerifyToo() {
        MainTest.Run none = MainTest.run("verify", "--watermark", out.resolve("init.mp4").toString(), out.resolve("path/00000.m4s").toString(),
                out.resolve("path/00001.m4s").toString());
        assertEquals(1, none.code(), none.all());
        assertTrue(none.out().contains("no Branchline watermark found"), "a colour and a title card are not generated, so not marked: " + none.all());
        MainTest.Run nothing = MainTest.run("verify");
        assertEquals(2, nothing.code(), nothing.all());
        assertTrue(nothing.err().contains("verify needs PATH|URL"), nothing.all());
    }

    @Test
    void unreadableInputIsExitTwoWithAReason() {
        MainTest.Run missing = MainTest.run("verify", dir.resolve("nowhere").toString());
        assertEquals(2, missing.code(), missing.all());
        assertTrue(missing.err().contains("no such file"), missing.all());
        MainTest.Run badTrust = MainTest.run("verify", out.toString(), "--trust", dir.resolve("small.story").toString());
        assertEquals(2, badTrust.code(), badTrust.all());
        assertTrue(badTrust.err().contains("expected PEM"), badTrust.all());
    }
}
