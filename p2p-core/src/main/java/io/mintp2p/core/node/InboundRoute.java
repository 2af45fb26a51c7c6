package io.mintp2p.core.node;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where one connection's decoded frames go, decided on its transport thread. Everything goes through
 * the node thread until the peer is accepted; from then on application messages go straight to the
 * peer's handlers, unless frames of the connection are still queued for the node thread: those would
 * be overtaken, and a peer's messages reach its handlers in the order they came.
 */
final class InboundRoute {
    /** Read backpressure of the connection, from the transport's onOpen on. */
    final ReadBudget budget;
    private final AtomicInteger queuedForNode = new AtomicInteger();
    private volatile Link direct;

    InboundRoute(ReadBudget budget) {
        this.budget = budget;
    }

    /** Node thread: the peer was accepted, its application messages may skip the node thread. */
    void openDirect(Link link) {
        direct = link;
    }

    /** Node thread: the peer is being let go, whatever still comes goes through the node thread. */
    void closeDirect() {
        direct = null;
    }

    /** Transport thread: the accepted link to hand an application message to directly, or null. */
    Link directLink() {
        Link link = direct;
        return link != null && queuedForNode.get() == 0 ? link : null;
    }

    /** Transport thread: a frame was queued for the node thread. */
    void queuedForNode() {
        queuedForNode.incrementAndGet();
    }

    /** Node thread: a queued frame was handled (its application message, if any, is with the handlers). */
    void handledByNode() {
        queuedForNode.decrementAndGet();
    }
}
