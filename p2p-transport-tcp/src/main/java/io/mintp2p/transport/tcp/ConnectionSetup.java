package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.TransportAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the connections of one listener, or of one dial, share: the scheme, the node's handler, the
 * dial's future, the target named through a proxy, and the transport's send rules and list of open
 * connections. Each {@link NettyConnection} keeps one reference to it instead of six of its own: an
 * idle peer's memory is mostly such fields (BENCHMARKS.md, memory.idle_peer). Immutable; any thread.
 */
final class ConnectionSetup {
    final String scheme;
    final ConnectionHandler handler;
    final SendRules rules;
    /** The dial's future: present exactly for a dial's connection, so it also tells the direction. */
    final CompletableFuture<Connection> dialResult;
    final OpenConnections openConnections;
    /** Through a proxy the socket's remote end is the proxy: the connection names the target instead. */
    private final Optional<TransportAddress> proxiedTarget;

    ConnectionSetup(String scheme, ConnectionHandler handler, SendRules rules, CompletableFuture<Connection> dialResult,
                    Optional<TransportAddress> proxiedTarget, OpenConnections openConnections) {
        this.scheme = scheme;
        this.handler = handler;
        this.rules = rules;
        this.dialResult = dialResult;
        this.proxiedTarget = proxiedTarget.map(t -> TransportAddress.of(scheme, t.host(), t.port()));
        this.openConnections = openConnections;
    }

    /** The remote end a connection reports for {@code socketRemote} (null while the socket has none). */
    TransportAddress remote(InetSocketAddress socketRemote) {
        if (proxiedTarget.isPresent()) {
            return proxiedTarget.get();
        }
        return socketRemote == null ? null : address(socketRemote);
    }

    /** A socket address as this transport names it. */
    TransportAddress address(InetSocketAddress a) {
        return TransportAddress.of(scheme, a.getAddress().getHostAddress(), a.getPort());
    }
}
