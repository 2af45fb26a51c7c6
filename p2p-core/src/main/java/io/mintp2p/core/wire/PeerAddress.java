package io.mintp2p.core.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * An address and port as exchanged on the wire (WIRE.md 5.3, docs/WIRE-ONION.md). IPv4 is variant 0,
 * IPv6 variant 1 (Mintlayer's); an IPv6 address keeps its variant even when it is IPv4-mapped, so
 * encode(decode(x)) == x. Variant 2, a Tor v3 onion service, is ours: it is sent only to peers that
 * advertise {@link Services#ONION_ADDRESSES}, so a Mintlayer node never sees it. An onion address has
 * no IP: check {@link #isOnion()} before {@link #ip()}.
 */
public final class PeerAddress {
    /**
     * An IPv4 address's 32 bits; its {@link InetAddress} is made only when asked for
     * ({@link #ip()}): an address answer holds hundreds of addresses, and most are only turned into
     * a host string and looked up in the book (an {@code InetAddress} and its text, made through a
     * {@code StringBuilder}, were a third of what a large simulation allocated).
     */
    private final int v4;
    private final boolean isV4;
    /** The IP (always for IPv6, on demand for IPv4); null for an onion address. */
    private InetAddress ip;
    private final OnionV3 onion;
    private final int port;

    /**
     * An IP address and port; IPv4 is variant 0, IPv6 variant 1. An IPv6 scope id is dropped (the wire has none).
     *
     * @param ip   the address
     * @param port 0 to 65535
     * @throws IllegalArgumentException if the port is out of range
     */
    public PeerAddress(InetAddress ip, int port) {
        this(Objects.requireNonNull(ip, "ip"), null, port);
    }

    private PeerAddress(InetAddress ip, OnionV3 onion, int port) {
        checkPort(port);
        if (ip instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            // Scope ids are not sent on the wire; strip them so equality matches what a peer sees.
            ip = ipv6(v6.getAddress());
        }
        this.isV4 = ip instanceof Inet4Address;
        this.v4 = isV4 ? bits(ip.getAddress()) : 0;
        this.ip = ip;
        this.onion = onion;
        this.port = port;
    }

    private PeerAddress(int v4, int port) {
        checkPort(port);
        this.isV4 = true;
        this.v4 = v4;
        this.onion = null;
        this.port = port;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
    }

    private static int bits(byte[] octets) {
        return (octets[0] & 0xFF) << 24 | (octets[1] & 0xFF) << 16 | (octets[2] & 0xFF) << 8 | octets[3] & 0xFF;
    }

    /**
     * An IPv4 address.
     *
     * @param octets the 4 octets, most significant first
     * @param port   0 to 65535
     * @return variant 0
     * @throws IllegalArgumentException if there are not 4 octets or the port is out of range
     */
    public static PeerAddress ipv4(byte[] octets, int port) {
        if (octets.length != 4) {
            throw new IllegalArgumentException("IPv4 address is 4 bytes");
        }
        return new PeerAddress(bits(octets), port);
    }

    /**
     * An IPv4 address given as its 32 bits, most significant octet first.
     *
     * @param bits the address
     * @param port 0 to 65535
     * @return variant 0
     * @throws IllegalArgumentException if the port is out of range
     */
    public static PeerAddress ipv4(int bits, int port) {
        return new PeerAddress(bits, port);
    }

    /**
     * An IPv6 address (IPv4-mapped ones included).
     *
     * @param octets the 16 octets
     * @param port   0 to 65535
     * @return variant 1
     * @throws IllegalArgumentException if there are not 16 octets or the port is out of range
     */
    public static PeerAddress ipv6(byte[] octets, int port) {
        return new PeerAddress(ipv6(octets), port);
    }

    /**
     * A Tor v3 onion service and its (virtual) port.
     *
     * @param service the onion service
     * @param port    0 to 65535
     * @return variant 2
     * @throws IllegalArgumentException if the port is out of range
     */
    public static PeerAddress onion(OnionV3 service, int port) {
        return new PeerAddress(null, Objects.requireNonNull(service, "service"), port);
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

    /**
     * A resolved socket address.
     *
     * @param socketAddress resolved (an unresolved one has no address to take)
     * @return variant 0 or 1
     */
    public static PeerAddress of(InetSocketAddress socketAddress) {
        return new PeerAddress(socketAddress.getAddress(), socketAddress.getPort());
    }

    /**
     * The IP address; an onion address has none.
     *
     * @return the address
     * @throws IllegalStateException for an onion address
     */
    public InetAddress ip() {
        if (isOnion()) {
            throw new IllegalStateException("an onion address has no IP: " + this);
        }
        InetAddress made = ip;
        if (made == null) {
            // Racy on purpose: two threads may each make an equal InetAddress (its fields are final).
            byte[] octets = {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
            try {
                made = InetAddress.getByAddress(octets);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 bytes are an IPv4 address", e);
            }
            ip = made;
        }
        return made;
    }

    /**
     * The 32 bits of an IPv4 address (check {@link #isIpv4()} first).
     *
     * @return the address, most significant octet first
     * @throws IllegalStateException if not IPv4
     */
    public int ipv4Bits() {
        if (!isV4) {
            throw new IllegalStateException("not an IPv4 address: " + this);
        }
        return v4;
    }

    /**
     * The wildcard address (0.0.0.0 or ::), which no one can dial.
     *
     * @return true for 0.0.0.0 and ::
     */
    public boolean isAnyLocal() {
        return isV4 ? v4 == 0 : !isOnion() && ip.isAnyLocalAddress();
    }

    /**
     * Whether the IP is a multicast address (224/4, ff00::/8), which no peer has.
     *
     * @return false for an onion address
     */
    public boolean isMulticast() {
        return isV4 ? v4 >>> 28 == 0xE : !isOnion() && ip.isMulticastAddress();
    }

    /**
     * The port (an onion address's virtual port).
     *
     * @return 0 to 65535
     */
    public int port() {
        return port;
    }

    /**
     * Whether this is a Tor v3 onion service (variant 2).
     *
     * @return true for variant 2
     */
    public boolean isOnion() {
        return onion != null;
    }

    /**
     * The onion service, for variant 2.
     *
     * @return the service, or empty for an IP address
     */
    public Optional<OnionV3> onionService() {
        return Optional.ofNullable(onion);
    }

    /**
     * The host as a transport address writes it: an IP literal or {@code <56 chars>.onion}.
     *
     * @return the host, never resolved
     */
    public String host() {
        return isOnion() ? onion.hostname() : isV4 ? dottedQuad(v4) : ip.getHostAddress();
    }

    /** What {@code Inet4Address.getHostAddress} writes, without the address or a StringBuilder. */
    private static String dottedQuad(int bits) {
        byte[] text = new byte[15];
        int n = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = bits >>> shift & 0xFF;
            if (octet >= 100) {
                text[n++] = (byte) ('0' + octet / 100);
            }
            if (octet >= 10) {
                text[n++] = (byte) ('0' + octet / 10 % 10);
            }
            text[n++] = (byte) ('0' + octet % 10);
            if (shift > 0) {
                text[n++] = '.';
            }
        }
        return new String(text, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether this is an IPv4 address (variant 0).
     *
     * @return true for variant 0
     */
    public boolean isIpv4() {
        return isV4;
    }

    /**
     * The IP and port as a socket address.
     *
     * @return a resolved socket address
     * @throws IllegalStateException for an onion address
     */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(ip(), port);
    }

    /**
     * True for loopback, site-local (10/8, 172.16/12, 192.168/16), link-local, unique-local and
     * wildcard. An onion address is never private: it is reachable from anywhere through Tor.
     *
     * @return true for such an IP; false for an onion address
     */
    public boolean isPrivateOrLocal() {
        return isV4 ? isPrivateOrLocalV4(v4) : !isOnion() && isPrivateOrLocal(ip);
    }

    /**
     * True for loopback, site-local (10/8, 172.16/12, 192.168/16), link-local, unique-local and wildcard.
     *
     * @param ip an IPv4 or IPv6 address
     * @return true for such an address
     */
    public static boolean isPrivateOrLocal(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (b.length == 4) {
            return isPrivateOrLocalV4(bits(b));
        }
        boolean uniqueLocalV6 = (b[0] & 0xFE) == 0xFC;
        return ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()
                || ip.isAnyLocalAddress() || uniqueLocalV6;
    }

    /**
     * {@link #isPrivateOrLocal} of an IPv4 address given as its 32 bits: loopback 127/8, private
     * 10/8, 172.16/12 and 192.168/16, link-local 169.254/16, or 0.0.0.0.
     *
     * @param bits the address, most significant octet first
     * @return true for such an address
     */
    public static boolean isPrivateOrLocalV4(int bits) {
        int a = bits >>> 24;
        int b = bits >>> 16 & 0xFF;
        return a == 127 || a == 10 || a == 172 && (b & 0xF0) == 16 || a == 192 && b == 168
                || a == 169 && b == 254 || bits == 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PeerAddress other) || port != other.port || isV4 != other.isV4) {
            return false;
        }
        return isV4 ? v4 == other.v4 : Objects.equals(ip, other.ip) && Objects.equals(onion, other.onion);
    }

    @Override
    public int hashCode() {
        return isV4 ? 31 * v4 + port : Objects.hash(ip, onion, port);
    }

    @Override
    public String toString() {
        if (isOnion()) {
            return onion.hostname() + ":" + port;
        }
        return isV4 ? host() + ":" + port : "[" + host() + "]:" + port;
    }
}
