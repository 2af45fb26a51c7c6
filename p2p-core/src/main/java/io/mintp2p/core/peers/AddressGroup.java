package io.mintp2p.core.peers;

import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.OnionV3;
import io.mintp2p.core.wire.PeerAddress;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Addresses that are likely run by one operator share a group: /16 for IPv4, /32 for IPv6. The
 * peer manager keeps at most one outbound connection per group, and the address book limits what
 * one source group may add. When private addresses are allowed (regtest, one Docker network, one
 * machine), each private or loopback address with its port is its own group, so such networks converge.
 * Onion addresses are their own network, split by the top 4 bits of the key as Bitcoin Core does
 * (16 groups: anyone can make keys, so finer groups would buy nothing); connections that arrived
 * through our onion service all come from tor's loopback socket and share one group.
 */
public final class AddressGroup {
    private AddressGroup() {
    }

    /** The group of every connection accepted through our onion service: their origin is hidden. */
    public static final String ONION_INBOUND = "onion:inbound";

    /**
     * The group of a peer's address, as eviction, outbound diversity and the address book count them. Any thread;
     * no DNS lookup.
     *
     * @param address                 the address dialled or connected from
     * @param privateAddressesAllowed whether private addresses are in use (regtest): then each private host:port is
     *     a group of its own
     * @return the group's key
     */
    public static String of(TransportAddress address, boolean privateAddressesAllowed) {
        if (address.isOnion()) {
            try {
                return of(OnionV3.parse(address.host()));
            } catch (IllegalArgumentException notAValidOnion) {
                return "host:" + address.host().toLowerCase(java.util.Locale.ROOT);
            }
        }
        long v4 = address.ipv4Bits();
        if (v4 >= 0) {
            return ofV4((int) v4, address, privateAddressesAllowed);
        }
        Optional<InetAddress> ip = address.ipLiteral();
        if (TransportAddress.ONION_SCHEME.equals(address.scheme()) && ip.isPresent() && ip.get().isLoopbackAddress()) {
            return ONION_INBOUND;
        }
        if (ip.isEmpty()) {
            return "host:" + address.host().toLowerCase(java.util.Locale.ROOT) + ":" + address.port();
        }
        InetAddress a = ip.get();
        if (privateAddressesAllowed && PeerAddress.isPrivateOrLocal(a)) {
            return "local:" + a.getHostAddress() + ":" + address.port();
        }
        return of(a);
    }

    /** {@link #of(TransportAddress, boolean)} for a host that is a plain dotted quad: no InetAddress to make. */
    private static String ofV4(int bits, TransportAddress address, boolean privateAddressesAllowed) {
        if (TransportAddress.ONION_SCHEME.equals(address.scheme()) && bits >>> 24 == 127) {
            return ONION_INBOUND;
        }
        if (privateAddressesAllowed && PeerAddress.isPrivateOrLocalV4(bits)) {
            return "local:" + address.host() + ":" + address.port(); // the host is the canonical text
        }
        return ofV4Slash16(bits >>> 24, bits >>> 16 & 0xFF);
    }

    /**
     * The network an IP address belongs to: its /16 (IPv4) or /32 (IPv6), private or not.
     *
     * @param a the address
     * @return the group's key
     */
    public static String of(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return ofV4Slash16(b[0] & 0xFF, b[1] & 0xFF);
        }
        return String.format("v6:%02x%02x:%02x%02x", b[0], b[1], b[2], b[3]);
    }

    private static String ofV4Slash16(int first, int second) {
        return "v4:" + first + "." + second;
    }

    /**
     * The group of an onion service: {@code onion:} and the top 4 bits of its key in hex.
     *
     * @param onion the service
     * @return the group's key
     */
    public static String of(OnionV3 onion) {
        return "onion:" + Integer.toHexString((onion.publicKey()[0] & 0xF0) >> 4);
    }
}
