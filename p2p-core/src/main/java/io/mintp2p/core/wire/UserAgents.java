package io.mintp2p.core.wire;

/** The user-agent rule of WIRE.md 5.1: 1 to 24 bytes, each printable ASCII without space (0x21-0x7E). */
public final class UserAgents {
    /** The longest user agent, in bytes. */
    public static final int MAX_LENGTH = 24;

    private UserAgents() {
    }

    /**
     * Whether a user agent keeps the rule. Any thread.
     *
     * @param userAgent the candidate; null is not valid
     * @return true for 1 to 24 printable ASCII characters without space
     */
    public static boolean isValid(String userAgent) {
        if (userAgent == null || userAgent.isEmpty() || userAgent.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < userAgent.length(); i++) {
            char c = userAgent.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a user agent. Any thread.
     *
     * @param userAgent the candidate
     * @return {@code userAgent}
     * @throws IllegalArgumentException if it breaks the rule
     */
    public static String requireValid(String userAgent) {
        if (!isValid(userAgent)) {
            throw new IllegalArgumentException("user agent must be 1-" + MAX_LENGTH
                    + " printable ASCII characters without spaces, got: " + userAgent);
        }
        return userAgent;
    }
}
