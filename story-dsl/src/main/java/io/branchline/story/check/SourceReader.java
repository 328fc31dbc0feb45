package io.branchline.story.check;

import io.branchline.story.diag.Code;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads story files as strict UTF-8 text, refusing what is too large or not text. */
public interface SourceReader {

    /** Story files larger than this are refused: split a bigger story with {@code include}. */
    long MAX_BYTES = 8L * 1024 * 1024;

    /** The outcome of reading one file. */
    sealed interface Result {
    }

    /** The file's text, without a byte-order mark. */
    record Text(String text) implements Result {
    }

    /**
     * The file could not be used; {@code offset} is where in {@code partialText} the problem lies
     * (0 when there is no text to point into).
     */
    record Failure(Code code, String message, String partialText, int offset) implements Result {
    }

    Result read(Path path);

    boolean exists(Path path);

    /** Whether the path is a file rather than a folder. */
    default boolean isFile(Path path) {
        return exists(path);
    }

    /** Whether the path, with every symbolic link followed, still lies inside {@code root}. */
    default boolean staysInside(Path path, Path root) {
        return true;
    }

    /** True when the real location of {@code path} (links followed) lies inside the real {@code root}. */
    static boolean realPathInside(Path path, Path root) {
        try {
            return path.toRealPath().startsWith(root.toRealPath());
        } catch (IOException | SecurityException e) {
            return true; // a path that cannot be resolved is reported as missing or unreadable instead
        }
    }

    /** Reads from disk. */
    SourceReader DISK = new SourceReader() {
        @Override
        public Result read(Path path) {
            try {
                if (!Files.isRegularFile(path)) {
                    return new Failure(Code.BL0001, "cannot read '" + path + "': it is not a file", "", 0);
                }
                long size = Files.size(path);
                if (size > MAX_BYTES) {
                    return new Failure(Code.BL0002, String.format(java.util.Locale.ROOT, "the file is %.1f MB; a story file may be at most %d MB (split it with include)",
                            size / 1048576.0, MAX_BYTES / 1048576), "", 0);
                }
                return decode(Files.readAllBytes(path));
            } catch (java.nio.file.AccessDeniedException | SecurityException e) {
                return new Failure(Code.BL0001, "cannot read '" + path + "': permission denied", "", 0);
            } catch (java.nio.file.NoSuchFileException e) {
                return new Failure(Code.BL0001, "cannot read '" + path + "': no such file", "", 0);
            } catch (IOException e) {
                return new Failure(Code.BL0001, "cannot read '" + path + "': " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), "", 0);
            }
        }

        @Override
        public boolean exists(Path path) {
            return Files.exists(path);
        }

        @Override
        public boolean isFile(Path path) {
            return Files.isRegularFile(path);
        }

        @Override
        public boolean staysInside(Path path, Path root) {
            return realPathInside(path, root);
        }
    };

    /** Reads from a map of paths to texts, for tests and for sources held in memory. */
    static SourceReader of(Map<Path, String> files) {
        return new SourceReader() {
            @Override
            public Result read(Path path) {
                String text = files.get(path);
                if (text == null) {
                    return new Failure(Code.BL0001, "cannot read '" + path + "': no such file", "", 0);
                }
                return decode(text.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public boolean exists(Path path) {
                return files.containsKey(path);
            }
        };
    }

    /** Strict UTF-8: a NUL byte or a malformed sequence makes the file "not text". */
    static Result decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                String before = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                if (!printable(before)) {
                    // Binary through and through: pointing into it would only print noise.
                    return new Failure(Code.BL0003, "this is a binary file, not a story (it holds a NUL byte at byte " + i
                            + "); expected a UTF-8 text file", "", 0);
                }
                return new Failure(Code.BL0003, "this text holds a NUL byte (at byte " + i + "); expected a UTF-8 text file without NUL bytes",
                        before, before.length());
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            return new Failure(Code.BL0003, "the file is not valid UTF-8 (bad byte sequence at byte " + in.position()
                    + "); expected a UTF-8 text file", before, before.length());
        }
        try {
            decoder.flush(out);
        } catch (IllegalStateException e) {
            // Flushing a decoder that has finished is a no-op; nothing to report.
        }
        out.flip();
        return new Text(out.toString());
    }

    private static boolean printable(String text) {
        return text.codePoints().noneMatch(c -> c == 0xFFFD || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'));
    }
}
