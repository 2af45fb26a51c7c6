package io.mintp2p.transport.tls;

import io.mintp2p.core.transport.AuthenticatingTransport;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.transport.tcp.TcpOptions;
import io.mintp2p.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.Optional;

/**
 * TLS 1.3 over the TCP transport, mutual authentication with node keys. Addresses are
 * {@code tls://host:port} or {@code tls://host:port#<peer-id>} to accept only that key.
 */
public final class TlsTransport extends TcpTransport implements AuthenticatingTransport {
    /** The address scheme, {@code tls}. */
    public static final String SCHEME = "tls";

    private final NodeKeys keys;
    private final String engine;

    /**
     * A TLS transport; starts the TCP transport's event loops and picks the TLS engine. Any thread; does not block.
     *
     * @param options          framing, limits and thread names, as for TCP
     * @param keys             this node's key and certificate, presented to and checked by every peer
     * @param handshakeTimeout how long a connection may take to finish its handshake before it is closed
     */
    public TlsTransport(TcpOptions options, NodeKeys keys, Duration handshakeTimeout) {
        this(options, keys, new TlsSecurity(keys, handshakeTimeout));
    }

    private TlsTransport(TcpOptions options, NodeKeys keys, TlsSecurity security) {
        super(SCHEME, options, Optional.of(security));
        this.keys = keys;
        this.engine = security.provider().name();
    }

    @Override
    public PeerIdentity localIdentity() {
        return keys.identity();
    }

    /**
     * The TLS engine in use; any thread.
     *
     * @return "OPENSSL" (netty-tcnative BoringSSL) when it loads, else "JDK"
     */
    public String engine() {
        return engine;
    }
}
