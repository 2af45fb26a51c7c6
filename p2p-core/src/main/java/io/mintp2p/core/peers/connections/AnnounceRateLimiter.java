package io.mintp2p.core.peers.connections;

/**
 * Token bucket for AnnounceAddrRequest per peer (WIRE.md 10): 0.1 token per second, at most 10,
 * starting with 1. Announcements over the rate are dropped silently.
 */
final class AnnounceRateLimiter {
    static final double TOKENS_PER_SECOND = 0.1;
    static final double BUCKET = 10;

    /** A float, not a double: 0..10 needs no more precision, and one limiter lives as long as its peer (24 B, not 32). */
    private float tokens = 1;
    private long lastRefillMillis;

    AnnounceRateLimiter(long nowMillis) {
        this.lastRefillMillis = nowMillis;
    }

    boolean tryAcquire(long nowMillis) {
        tokens = (float) Math.min(BUCKET, tokens + (nowMillis - lastRefillMillis) / 1000.0 * TOKENS_PER_SECOND);
        lastRefillMillis = nowMillis;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
