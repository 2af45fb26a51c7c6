package io.mintp2p.core.peers;

import io.mintp2p.core.transport.TransportAddress;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Addresses that are likely run by one operator share a group: /16 for IPv4, /32 for IPv6. The
 * peer manager keeps at most one outbound connection per group, and the address book limits what
 * one source group may add. When private addresses are allowed (regtest, one Docker network, one
 * machine), each private or loopback address with its port is its own group, so such networks converge.
 */
public final class AddressGroup {
    private AddressGroup() {
    }

    public static String of(TransportAddress address, boolean privateAddressesAllowed) {
        Optional<InetAddress> ip = address.ipLiteral();
        if (ip.isEmpty()) {
            return "host:" + address.host().toLowerCase(java.util.Locale.ROOT) + ":" + address.port();
        }
        InetAddress a = ip.get();
        if (privateAddressesAllowed && isPrivate(a)) {
            return "local:" + a.getHostAddress() + ":" + address.port();
        }
        return of(a);
    }

    /** The network an IP address belongs to: its /16 (IPv4) or /32 (IPv6), private or not. */
    public static String of(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return "v4:" + (b[0] & 0xFF) + "." + (b[1] & 0xFF);
        }
        return String.format("v6:%02x%02x:%02x%02x", b[0], b[1], b[2], b[3]);
    }

    public static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xFE) == 0xFC;
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || uniqueLocalV6;
    }
}
