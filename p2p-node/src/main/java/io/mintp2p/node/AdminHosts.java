package io.mintp2p.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which {@code Host} and {@code Origin} names the admin API answers to, against DNS rebinding: a
 * page of evil.example whose name is re-pointed at 127.0.0.1 reaches the node with
 * {@code Host: evil.example}. Allowed are {@code localhost}, loopback addresses and the bound
 * address, with the bound port. A rebinding attack needs a DNS name, so an IP literal is safe.
 * Bound to a wildcard address (0.0.0.0, as in a container) any IP literal of the machine may be
 * used and any port, since a port mapping in front of the node shows clients another port.
 */
final class AdminHosts {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+]");

    private final InetAddress bound;
    private final int port;

    AdminHosts(InetSocketAddress bound) {
        this.bound = bound.getAddress();
        this.port = bound.getPort();
    }

    /** A {@code Host} header value ({@code host[:port]}); none at all (HTTP/1.0) is refused. */
    boolean allowsHost(Optional<String> header) {
        if (header.isEmpty()) {
            return false;
        }
        try {
            URI uri = new URI("http://" + header.get().strip() + "/");
            return uri.getUserInfo() == null && allows(uri);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An {@code Origin} header value: only our own http origins; {@code null} (sandboxed pages) is refused. */
    boolean allowsOrigin(String header) {
        try {
            URI uri = new URI(header.strip());
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getUserInfo() == null
                    && (uri.getPath() == null || uri.getPath().isEmpty()) && allows(uri);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private boolean allows(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        int requestPort = uri.getPort() == -1 ? 80 : uri.getPort();
        boolean wildcard = bound.isAnyLocalAddress();
        if (!wildcard && requestPort != port) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost")) {
            return true;
        }
        Optional<InetAddress> ip = literal(host);
        return ip.isPresent() && (ip.get().isLoopbackAddress() || wildcard || ip.get().equals(bound));
    }

    /** The address an IP literal names; never a DNS lookup (a name is not a literal). */
    private static Optional<InetAddress> literal(String host) {
        try {
            if (IPV4.matcher(host).matches()) {
                String[] parts = host.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // A bracketed name is parsed as an IPv6 literal or refused, never looked up.
            return IPV6.matcher(host).matches() ? Optional.of(InetAddress.getByName(host)) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
