package io.mintp2p.core.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IP address and port as exchanged on the wire (WIRE.md 5.3). IPv4 is variant 0, IPv6 variant 1;
 * an IPv6 address keeps its variant even when it is IPv4-mapped, so encode(decode(x)) == x.
 */
public record PeerAddress(InetAddress ip, int port) {
    public PeerAddress {
        Objects.requireNonNull(ip, "ip");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
        if (ip instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            // Scope ids are not sent on the wire; strip them so equality matches what a peer sees.
            ip = ipv6(v6.getAddress());
        }
    }

    public static PeerAddress ipv4(byte[] octets, int port) {
        if (octets.length != 4) {
            throw new IllegalArgumentException("IPv4 address is 4 bytes");
        }
        try {
            return new PeerAddress(InetAddress.getByAddress(octets), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static PeerAddress ipv6(byte[] octets, int port) {
        return new PeerAddress(ipv6(octets), port);
    }

    private static Inet6Address ipv6(byte[] octets) {
        if (octets.length != 16) {
            throw new IllegalArgumentException("IPv6 address is 16 bytes");
        }
        try {
            return Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static PeerAddress of(InetSocketAddress socketAddress) {
        return new PeerAddress(socketAddress.getAddress(), socketAddress.getPort());
    }

    public boolean isIpv4() {
        return ip instanceof Inet4Address;
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(ip, port);
    }

    /** True for loopback, site-local (10/8, 172.16/12, 192.168/16), link-local, unique-local and wildcard. */
    public boolean isPrivateOrLocal() {
        byte[] b = ip.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xFE) == 0xFC;
        return ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()
                || ip.isAnyLocalAddress() || uniqueLocalV6;
    }

    @Override
    public String toString() {
        String host = ip.getHostAddress();
        return isIpv4() ? host + ":" + port : "[" + host + "]:" + port;
    }
}
