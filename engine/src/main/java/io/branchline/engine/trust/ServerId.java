package io.branchline.engine.trust;

import io.branchline.renderer.mark.MarkPayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The server's stable 32-bit id, which the invisible watermark carries in every generated frame
 * it renders: drawn at random on first start and kept in {@value #FILE} in the data folder as 8
 * hex digits, so that a restart, or another process on the same folder, marks with the same id.
 * The file is created whole or not at all, and never replaced: of two servers starting together
 * on one folder, both end up with the id of the one that wrote it first.
 */
public final class ServerId {

    /** The file in the data folder that holds the id. */
    public static final String FILE = "server-id";

    private ServerId() {
    }

    /** The id kept in {@code dataFolder}, made when there is none. */
    public static int loadOrCreate(Path dataFolder) throws IOException {
        Path file = dataFolder.resolve(FILE);
        if (Files.exists(file)) {
            return read(file);
        }
        Files.createDirectories(dataFolder);
        int id = new SecureRandom().nextInt();
        Path fresh = Files.createTempFile(dataFolder, "." + FILE + ".", ".tmp");
        try {
            Files.writeString(fresh, MarkPayload.hex(id) + "\n", StandardCharsets.US_ASCII);
            try {
                // A hard link appears whole and fails if the name is taken: no reader sees a torn
                // file, no writer replaces an id that another one has already used.
                Files.createLink(file, fresh);
                return id;
            } catch (FileAlreadyExistsException e) {
                return read(file);
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(file)) {
                    return read(file);
                }
                Files.move(fresh, file);
                return id;
            }
        } finally {
            Files.deleteIfExists(fresh);
        }
    }

    private static int read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!text.matches("[0-9a-fA-F]{8}")) {
            throw new IOException(file + " should hold the server's id as 8 hex digits, not '" + text
                    + "'; restore it (segments already marked carry the old id) or delete it to make a new one");
        }
        return (int) Long.parseLong(text, 16);
    }
}
