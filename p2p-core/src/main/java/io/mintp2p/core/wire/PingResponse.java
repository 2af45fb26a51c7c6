package io.mintp2p.core.wire;

/** Answer to a {@link PingRequest}, echoing its nonce (WIRE.md 6). */
public record PingResponse(long nonce) implements Message {
    @Override
    public String typeName() {
        return "ping_response";
    }
}
