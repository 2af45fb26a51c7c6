package io.mintp2p.core.admission;

import io.mintp2p.core.peers.AddressGroup;
import io.mintp2p.core.transport.TransportAddress;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an inbound connection comes from, for fairness: its host (an IP, or a name for transports
 * without one) and its address group, /16 for IPv4 and /32 for IPv6, port ignored. Unlike the
 * outbound diversity groups, private and loopback addresses are grouped the same way: a flood from
 * 127.0.1.x is one group however many addresses it uses.
 */
record Source(String host, String group, Optional<InetAddress> ip) {

    static Source of(TransportAddress remote) {
        Optional<InetAddress> ip = remote.ipLiteral();
        if (ip.isEmpty()) {
            String host = remote.host().toLowerCase(Locale.ROOT);
            return new Source(host, "host:" + host, ip);
        }
        return new Source(ip.get().getHostAddress(), AddressGroup.of(ip.get()), ip);
    }
}
