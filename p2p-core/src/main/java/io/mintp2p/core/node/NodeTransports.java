package io.mintp2p.core.node;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.ServiceFlags;
import java.util.Collection;
import java.util.Map;

/** The node's transports by scheme, and what the configuration asks of them. Immutable; any thread. */
final class NodeTransports {
    private final Map<String, Transport> byScheme;

    NodeTransports(Map<String, Transport> byScheme) {
        this.byScheme = Map.copyOf(byScheme);
    }

    Map<String, Transport> byScheme() {
        return byScheme;
    }

    Collection<Transport> all() {
        return byScheme.values();
    }

    /** The transport of the address's scheme; a caller's mistake if there is none. */
    Transport require(TransportAddress address) {
        Transport t = byScheme.get(address.scheme());
        if (t == null) {
            throw new IllegalArgumentException("no transport for scheme '" + address.scheme() + "' (have "
                    + byScheme.keySet() + ") in address " + address);
        }
        return t;
    }

    /** A node that can dial onion services says so, and is then sent onion addresses (docs/WIRE-ONION.md). */
    P2pConfig withTheirServices(P2pConfig config) {
        if (!byScheme.containsKey(TransportAddress.ONION_SCHEME)) {
            return config;
        }
        return config.toBuilder().services(config.services().with(ServiceFlags.ONION_ADDRESSES)).build();
    }

    /** The scheme of addresses learned without one: the first listener's, else the first boot node's, else tcp. */
    static String defaultScheme(P2pConfig config) {
        if (!config.listenAddresses().isEmpty()) {
            return config.listenAddresses().get(0).scheme();
        }
        if (!config.bootNodes().isEmpty()) {
            return config.bootNodes().get(0).scheme();
        }
        return "tcp";
    }
}
