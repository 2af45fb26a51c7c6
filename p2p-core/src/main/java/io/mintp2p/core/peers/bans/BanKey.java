package io.mintp2p.core.peers.bans;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What a ban applies to: an IPv4 address, or the /64 an IPv6 address is in (a host usually owns a
 * whole /64, so banning one address of it would ban nothing).
 * <p>Immutable; any thread.
 */
public record BanKey(InetAddress network, int prefixLength) {
    static final int IPV6_PREFIX = 64;

    public static BanKey of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return new BanKey(address, 32);
        }
        byte[] masked = Arrays.copyOf(bytes, 16);
        Arrays.fill(masked, IPV6_PREFIX / 8, 16, (byte) 0);
        try {
            return new BanKey(InetAddress.getByAddress(masked), IPV6_PREFIX);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
