package io.mintp2p.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret a client must send as {@code Authorization: Bearer <token>} to change a node through
 * its admin API. Printable ASCII without spaces, at least {@value #MIN_LENGTH} characters.
 */
public final class AdminToken {
    /** The shortest token accepted. */
    public static final int MIN_LENGTH = 16;
    /** The longest token accepted: it travels in a header. */
    public static final int MAX_LENGTH = 1024;
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final byte[] digest;

    private AdminToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /**
     * 256 bits from SecureRandom, as 43 URL-safe base64 characters.
     *
     * @return a new token
     */
    public static AdminToken random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A token chosen by the operator; surrounding whitespace (a file's last newline) is ignored.
     *
     * @param text the token as written
     * @return the token
     * @throws IllegalArgumentException if it is empty, too short or long, or not printable ASCII without spaces
     */
    public static AdminToken of(String text) {
        String token = text.strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the token is empty");
        }
        if (token.length() < MIN_LENGTH || token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the token must be " + MIN_LENGTH + "-" + MAX_LENGTH
                    + " characters, got " + token.length());
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // It travels in an HTTP header: no spaces, no control or non-ASCII characters.
            throw new IllegalArgumentException("the token must be printable ASCII without spaces");
        }
        return new AdminToken(token);
    }

    /**
     * Whether an {@code Authorization} header value carries this token; takes the same time whatever was sent.
     *
     * @param authorization the header's value, if the request had one
     * @return true for {@code Bearer <this token>}
     */
    public boolean acceptsHeader(Optional<String> authorization) {
        Optional<String> presented = authorization.map(String::strip)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip());
        // Digests have one length whatever was sent, so the comparison time tells nothing about the token.
        return presented.isPresent() && MessageDigest.isEqual(digest, sha256(presented.get()));
    }

    /**
     * The secret itself, for the client that sends it.
     *
     * @return the token's characters
     */
    public String value() {
        return value;
    }

    /**
     * The {@code Authorization} header a client sends.
     *
     * @return {@code Bearer <token>}
     */
    public String headerValue() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "AdminToken[redacted]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
