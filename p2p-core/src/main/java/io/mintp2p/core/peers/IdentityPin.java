package io.mintp2p.core.peers;

import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Instant;

/** An identity pinned for an address at its first successful authenticated handshake (trust on first use). */
public record IdentityPin(TransportAddress address, PeerIdentity identity, Instant pinnedAt) {
}
