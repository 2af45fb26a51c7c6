package io.mintp2p.core.wire;

/** Liveness probe with a random 64-bit nonce (WIRE.md 6). */
public record PingRequest(long nonce) implements Message {
    @Override
    public String typeName() {
        return "ping_request";
    }
}
