package io.branchline.engine.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret an author shows to use the studio when the server listens beyond this machine:
 * made on first start and kept in {@code author-token} in the data folder, readable by its
 * owner only, so a restart keeps the author's cookie valid.
 */
public final class AuthorToken {

    /** The file in the data folder that holds the token. */
    public static final String FILE = "author-token";

    private final String value;

    private AuthorToken(String value) {
        this.value = value;
    }

    /** The token kept in {@code dataFolder}, made (owner-only) when there is none. */
    public static AuthorToken loadOrCreate(Path dataFolder) throws IOException {
        Path file = dataFolder.resolve(FILE);
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (kept.length() >= 32) {
                return new AuthorToken(kept);
            }
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // Written whole, through a temporary file that is owner-only from the start (AtomicFiles), so the token is never
        // readable by others, not even for a moment.
        io.branchline.renderer.AtomicFiles.write(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
        return new AuthorToken(token);
    }

    /** A token given as it is (tests). */
    public static AuthorToken of(String value) {
        return new AuthorToken(value);
    }

    public String value() {
        return value;
    }

    /** Whether {@code offered} is this token, compared in constant time. */
    boolean matches(String offered) {
        return offered != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
    }
}
