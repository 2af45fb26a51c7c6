package io.mintp2p.core.node;

/** Receives application messages of one type; runs on the node's event loop, so it must not block. */
@FunctionalInterface
public interface MessageHandler<T> {
    void onMessage(PeerSnapshot from, T message);
}
