package org.mvdcn.serve.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;

/**
 * The bearer token that opens the web page and the API: read from the token file, or made on the
 * first start (256 random bits), written owner-only, and printed that once for the person
 * starting the node.
 */
public final class AccessToken {

    private final byte[] token;

    private AccessToken(String token) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
    }

    public static AccessToken load(Path file, Consumer<String> log) throws IOException {
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.length() < 16 || !text.matches("[A-Za-z0-9._~+/=-]+")) {
                throw new BadInputException(file, "not a usable token (16 or more URL-safe characters on one line)");
            }
            return new AccessToken(text);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".token", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.accept("a new access token for the web page and the API was written to " + file + " (shown this once): " + text);
        return new AccessToken(text);
    }

    /** Compares in constant time, so the answer's timing tells nothing about the token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token's name in the audit trail: the first 8 hex digits of its SHA-256, which tell tokens apart and reveal nothing. */
    public String id() {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token), 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String value() {
        return new String(token, StandardCharsets.US_ASCII);
    }
}
