package io.mintp2p.core.transport;

import java.util.concurrent.CompletableFuture;

/**
 * A way to carry frames between nodes: TCP, TLS, in-memory, and (next) Tor. One instance per node.
 * A transport delivers whole frame payloads; framing is its own business. See {@link Connection}
 * for the buffer ownership rules. Implementations are wired by a Guice module that a
 * {@link TransportProvider} names, keyed by {@link #scheme()}.
 */
public interface Transport extends AutoCloseable {

    /**
     * The address scheme this transport serves: "tcp", "tls", "mem", ...
     *
     * @return the scheme, lower case
     */
    String scheme();

    /**
     * Starts accepting connections; each accepted connection is announced by {@link ConnectionHandler#onOpen}. Any thread; does not block.
     *
     * @param bind    the address to bind (port 0: any free port)
     * @param handler told of each accepted connection
     * @return completes with the listener once bound, or fails with a {@link TransportException}
     */
    CompletableFuture<Listener> listen(TransportAddress bind, ConnectionHandler handler);

    /**
     * Opens a connection. The handler's {@code onOpen} runs before the future completes and before any
     * frame is delivered. The future fails (with a {@link TransportException}) when nothing answers,
     * the connect times out or the transport-level handshake (e.g. TLS) fails. Any thread; does not block.
     *
     * @param remote  the address to dial
     * @param handler told of the connection's events
     * @return completes with the open connection
     */
    CompletableFuture<Connection> dial(TransportAddress remote, ConnectionHandler handler);

    /** Closes every listener and connection of this transport and releases its threads. */
    @Override
    void close();
}
