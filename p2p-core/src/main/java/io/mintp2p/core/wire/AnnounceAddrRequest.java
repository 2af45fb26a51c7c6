package io.mintp2p.core.wire;

import java.util.Objects;

/**
 * A peer announces a reachable address (its own, or one relayed), WIRE.md 6 and 10.
 *
 * @param address the announced address
 */
public record AnnounceAddrRequest(PeerAddress address) implements Message {
    /**
     * Checks the address is present.
     *
     * @param address the announced address
     */
    public AnnounceAddrRequest {
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String typeName() {
        return "announce_addr_request";
    }
}
