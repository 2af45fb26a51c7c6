package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.TransportAddress;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A SOCKS5 proxy for dialled connections (like the Mintlayer node's {@code --p2p-socks5-proxy}),
 * without authentication or with a username and password (RFC 1929).
 */
public record Socks5Proxy(InetSocketAddress server, Optional<Credentials> credentials, Duration connectTimeout)
        implements DialProxy {

    /** RFC 1929 limits both to 255 bytes. */
    public record Credentials(String username, String password) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isEmpty() || username.length() > 255 || password.length() > 255) {
                throw new IllegalArgumentException("SOCKS5 username must be 1-255 and password 0-255 characters");
            }
        }
    }

    public Socks5Proxy {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(credentials, "credentials");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("SOCKS5 connectTimeout must be positive");
        }
    }

    /** Parses {@code host:port} (IPv6 in brackets); the proxy's own name is resolved here, once. */
    public static InetSocketAddress parseEndpoint(String text) {
        TransportAddress a = TransportAddress.parse("socks5://" + text.trim());
        return new InetSocketAddress(a.host(), a.port());
    }

    @Override
    public ProxyHandler newHandler(TransportAddress target) {
        return withTimeout(credentials
                .map(c -> new Socks5ProxyHandler(server, c.username(), c.password()))
                .orElseGet(() -> new Socks5ProxyHandler(server)), connectTimeout);
    }

    /** The proxy's own timeout covers the SOCKS exchange, which includes the proxy's connect to the target. */
    static ProxyHandler withTimeout(ProxyHandler handler, Duration timeout) {
        handler.setConnectTimeoutMillis(timeout.toMillis());
        return handler;
    }
}
