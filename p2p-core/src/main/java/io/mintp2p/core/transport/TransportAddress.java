package io.mintp2p.core.transport;

import io.mintp2p.core.wire.OnionV3;
import io.mintp2p.core.wire.PeerAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to reach a node: {@code scheme://host:port} with an optional pinned identity as fragment,
 * e.g. {@code tcp://1.2.3.4:13031}, {@code tls://[::1]:13031#<peer-id>}, {@code mem://10.0.0.7:13031}.
 *
 * @param scheme         the transport's scheme, lower case
 * @param host           an IP literal (IPv6 without brackets), a DNS name or an onion name
 * @param port           0 to 65535
 * @param pinnedIdentity the identity the remote must prove, if pinned
 */
public record TransportAddress(String scheme, String host, int port, Optional<PeerIdentity> pinnedIdentity) {
    /** The scheme of the transport that reaches onion services (p2p-transport-tor). */
    public static final String ONION_SCHEME = "tor";

    /**
     * Normalises and checks the parts. Any thread.
     *
     * @param scheme         any case; stored in lower case
     * @param host           not empty; IPv6 brackets are removed
     * @param port           0 to 65535
     * @param pinnedIdentity the pinned identity, if any
     * @throws IllegalArgumentException if the host is empty or the port out of range
     */
    public TransportAddress {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pinnedIdentity, "pinnedIdentity");
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("address has no host");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
    }

    /**
     * An address without pinned identity.
     *
     * @param scheme the transport's scheme
     * @param host   the host
     * @param port   0 to 65535
     * @return the address
     */
    public static TransportAddress of(String scheme, String host, int port) {
        return new TransportAddress(scheme, host, port, Optional.empty());
    }

    /**
     * An exchanged address under a scheme; onion addresses become {@code <56 chars>.onion} hosts.
     *
     * @param scheme  the transport's scheme
     * @param address the exchanged address
     * @return the address, without pinned identity
     */
    public static TransportAddress of(String scheme, PeerAddress address) {
        return of(scheme, address.host(), address.port());
    }

    /**
     * Parses {@code scheme://host:port[#peer-id]}; errors name what is wrong.
     *
     * @param text such as {@code tcp://1.2.3.4:13031}
     * @return the address
     * @throws IllegalArgumentException if {@code text} is not of that form
     */
    public static TransportAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an address (expected scheme://host:port): " + text);
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("not an address (expected scheme://host:port): " + text);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("an address has no path or query: " + text);
        }
        Optional<PeerIdentity> pinned = Optional.ofNullable(uri.getFragment()).filter(f -> !f.isEmpty())
                .map(PeerIdentity::new);
        return new TransportAddress(uri.getScheme(), uri.getHost(), uri.getPort(), pinned);
    }

    /**
     * This address with another port.
     *
     * @param newPort 0 to 65535
     * @return the new address
     */
    public TransportAddress withPort(int newPort) {
        return new TransportAddress(scheme, host, newPort, pinnedIdentity);
    }

    /**
     * This address without its pinned identity.
     *
     * @return this address if it has none, else a copy without it
     */
    public TransportAddress withoutIdentity() {
        if (pinnedIdentity.isEmpty()) {
            return this; // kept per peer in places: no copy of what is already without one
        }
        return new TransportAddress(scheme, host, port, Optional.empty());
    }

    /**
     * The host as an IP literal, when it is one (no DNS lookup).
     *
     * @return the address, or empty for a name
     */
    public Optional<InetAddress> ipLiteral() {
        if (!looksLikeIpLiteral(host)) {
            return Optional.empty();
        }
        try {
            long v4 = dottedQuad(host);
            return Optional.of(v4 >= 0 ? InetAddress.getByAddress(new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16),
                    (byte) (v4 >>> 8), (byte) v4}) : InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The host's IPv4 address as an unsigned 32-bit number when it is a plain {@code a.b.c.d} (then
     * the host is also that address's canonical text), else -1. Allocates nothing: address groups
     * are worked out for every address a node hears of.
     *
     * @return the address's 32 bits, or -1
     */
    public long ipv4Bits() {
        return dottedQuad(host);
    }

    /**
     * Resolves the host (DNS for names) into a socket address; an onion name is never looked up. Blocks on DNS for a name.
     *
     * @return a resolved socket address (unresolved if DNS has no answer)
     * @throws IllegalArgumentException for an onion host
     */
    public InetSocketAddress resolve() {
        if (isOnion()) {
            throw new IllegalArgumentException(host + " is reachable only through Tor (tor:// or a SOCKS5 proxy)");
        }
        return new InetSocketAddress(host, port);
    }

    /**
     * The wire form for address exchange and Hello's receiver address, when the host is an IP literal.
     * Onion hosts give nothing here, so code written for IP addresses never meets one: see
     * {@link #toPeerAddressIncludingOnion()}.
     *
     * @return the wire form, or empty for a name or an onion host
     */
    public Optional<PeerAddress> toPeerAddress() {
        long v4 = ipv4Bits();
        if (v4 >= 0) {
            // A dotted quad needs no InetAddress: a book's answer turns hundreds of these around.
            return Optional.of(PeerAddress.ipv4((int) v4, port));
        }
        return ipLiteral().map(ip -> new PeerAddress(ip, port));
    }

    /**
     * Like {@link #toPeerAddress()}, but a valid v3 onion host gives PeerAddress variant 2: for
     * address lists and announcements to peers that advertise {@code Services.ONION_ADDRESSES}.
     *
     * @return the wire form, or empty for a DNS name or an invalid onion name
     */
    public Optional<PeerAddress> toPeerAddressIncludingOnion() {
        if (isOnion()) {
            try {
                return Optional.of(PeerAddress.onion(OnionV3.parse(host), port));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return toPeerAddress();
    }

    /**
     * Whether the host is a {@code .onion} name (reachable only through Tor, never to be resolved).
     *
     * @return true for a host ending in ".onion"
     */
    public boolean isOnion() {
        return OnionV3.isOnionHost(host);
    }

    private static boolean looksLikeIpLiteral(String h) {
        if (h.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c != '.' && !Character.isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The 32 bits of a plain {@code a.b.c.d} (decimal, no leading zeros), else -1 for the JDK's
     * parser to judge: this runs for every address a node hears of and checks, and is the common case.
     */
    private static long dottedQuad(String h) {
        long out = 0;
        int part = 0;
        int value = -1;
        for (int i = 0; i <= h.length(); i++) {
            char c = i < h.length() ? h.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return -1;
                }
                out = out << 8 | value;
                part++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                if (value == 0) {
                    return -1; // a leading zero: let the JDK decide what it means
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return -1;
                }
            } else {
                return -1;
            }
        }
        return part == 4 ? out : -1;
    }

    // equals and hashCode written out: the record's own go through method handles, which the JIT left
    // uninlined where the address book and the peer manager look addresses up (4 % of a 10 000-node
    // simulation's samples, BENCHMARKS.md step 10). Same results: the hash is the record's (31 * h + component).

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof TransportAddress a && port == a.port && host.equals(a.host)
                && scheme.equals(a.scheme) && pinnedIdentity.equals(a.pinnedIdentity);
    }

    @Override
    public int hashCode() {
        return ((scheme.hashCode() * 31 + host.hashCode()) * 31 + port) * 31 + pinnedIdentity.hashCode();
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port + pinnedIdentity.map(id -> "#" + id.hex()).orElse("");
    }
}
