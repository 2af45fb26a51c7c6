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
 * without authentication or with a username and password (RFC 1929). Immutable; any thread.
 *
 * @param server         the proxy's address, resolved once
 * @param credentials    the username and password, if the proxy asks for them
 * @param connectTimeout the SOCKS exchange's limit, the proxy's connect to the target included
 */
public record Socks5Proxy(InetSocketAddress server, Optional<Credentials> credentials, Duration connectTimeout)
        implements DialProxy {

    /**
     * RFC 1929 limits both to 255 bytes.
     *
     * @param username 1 to 255 characters
     * @param password 0 to 255 characters
     */
    public record Credentials(String username, String password) {
        /**
         * Checks the lengths.
         *
         * @param username 1 to 255 characters
         * @param password 0 to 255 characters
         * @throws IllegalArgumentException if either is too long, or the username empty
         */
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isEmpty() || username.length() > 255 || password.length() > 255) {
                throw new IllegalArgumentException("SOCKS5 username must be 1-255 and password 0-255 characters");
            }
        }
    }

    /**
     * Checks the settings.
     *
     * @param server         the proxy's address
     * @param credentials    the username and password, if any
     * @param connectTimeout the SOCKS exchange's limit; positive
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public Socks5Proxy {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(credentials, "credentials");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("SOCKS5 connectTimeout must be positive");
        }
    }

    /**
     * Parses {@code host:port} (IPv6 in brackets); the proxy's own name is resolved here, once (may block on DNS).
     *
     * @param text the proxy's endpoint as the operator wrote it
     * @return the resolved socket address
     * @throws IllegalArgumentException if {@code text} is not {@code host:port}
     */
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
