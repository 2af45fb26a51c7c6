package io.mintp2p.core.node;

/**
 * Receives application messages of one type. Runs where the node's handler executor runs it
 * ({@link MessageHandlerExecutor}): by default on the node's handler pool ({@code mintp2p-<name>-handler-<n>}),
 * never on the node thread or a transport thread; with an executor the builder passed, on that
 * executor's threads ({@code Runnable::run}: on the transport's I/O thread, which then must not block).
 * One peer's messages reach its handlers one at a time and in the order they came; different peers'
 * run in parallel, as many at once as the pool has threads. A handler may take its time, but while
 * it runs that peer's next messages wait, and once its read budget is used the node stops reading
 * from that peer; a handler that blocks for good stalls the peer and holds a pool thread (when every
 * pool thread is held, every peer's handlers wait). A handler may see a peer's first message before
 * the peer's {@link PeerEvent.Connected} was published, and its last ones after its
 * {@link PeerEvent.Disconnected} (see {@link P2pNode#onPeerEvent}). A message still being delivered
 * after a stopping node shut its default pool down runs on the thread that delivers it.
 */
@FunctionalInterface
public interface MessageHandler<T> {
    /**
     * One message from {@code from} (a snapshot of the peer from about when the message arrived).
     * A handler that throws is logged; the peer's next messages still come.
     *
     * @param from    the sending peer
     * @param message the body; a {@link io.mintp2p.core.wire.MessageType#ofBytesView} body is released after this returns
     */
    void onMessage(PeerSnapshot from, T message);
}
