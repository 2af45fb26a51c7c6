package io.mintp2p.core.node;

/**
 * Receives application messages of one type. Runs on the node's handler pool
 * ({@link MessageHandlerExecutor}), never on the node thread or a transport thread: one peer's messages
 * reach its handlers one at a time and in the order they came, different peers' in parallel. A handler
 * may take its time, but while it runs that peer's next messages wait, and once its read budget is used
 * the node stops reading from that peer; a handler that blocks for good stalls the peer and holds a
 * pool thread.
 */
@FunctionalInterface
public interface MessageHandler<T> {
    /** One message from {@code from} (a snapshot of the peer from about when the message arrived). */
    void onMessage(PeerSnapshot from, T message);
}
