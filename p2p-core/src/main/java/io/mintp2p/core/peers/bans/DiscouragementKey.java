package io.mintp2p.core.peers.bans;

import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import java.util.Objects;

/**
 * What one discouragement keeps away: a proven identity, one endpoint (host:port), or a whole network
 * (an IPv4 address or IPv6 /64). The narrower keys exist so that several nodes behind one IP address
 * are not discouraged together. Immutable; any thread.
 */
public sealed interface DiscouragementKey {

    /** A peer that proved this key on an authenticated transport, at whatever address it comes from. */
    record Identity(PeerIdentity identity) implements DiscouragementKey {
        public Identity {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** One host:port: the address we dialled, or the listen address a peer announced for itself. */
    record Endpoint(TransportAddress address) implements DiscouragementKey {
        /** Kept without a pinned identity: the same host:port is the same key whichever key was pinned. */
        public Endpoint {
            address = Objects.requireNonNull(address, "address").withoutIdentity();
        }
    }

    /** Every address of an IPv4 host or an IPv6 /64 (the {@code IP} mode; persisted with the bans). */
    record Network(BanKey network) implements DiscouragementKey {
        public Network {
            Objects.requireNonNull(network, "network");
        }
    }
}
