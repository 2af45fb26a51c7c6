package io.mintp2p.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where one connection's decoded frames go, decided on its transport thread. Everything goes through
 * the node thread until the peer is accepted; from then on application messages go straight to the
 * peer's handlers, unless frames of the connection are still queued for the node thread: those would
 * be overtaken, and a peer's messages reach its handlers in the order they came.
 *
 * <p>Over a transport that {@linkplain io.mintp2p.core.transport.Connection#signalsReadComplete()
 * signals read completion}, the messages of one read are handed to the handlers as one task when the
 * read is complete: one hand-over, and at most one wake-up of a handler thread, per read instead of
 * per message (the hand-over per message cost about as much CPU as the rest of the receive path,
 * BENCHMARKS.md). A batch is handed over before anything of the connection goes to the node thread,
 * and before its close, so nothing overtakes it.
 */
final class InboundRoute {
    /** Read backpressure of the connection, from the transport's onOpen on. */
    final ReadBudget budget;
    private final AtomicInteger queuedForNode = new AtomicInteger();
    private volatile Link direct;
    /** Transport thread only: deliveries of the current read, in order; null while none (an idle peer pays a field). */
    private List<Runnable> batch;
    private SerialExecutor batchFor;
    /** Transport thread only: the sender as the current read's handlers see it, made once per read. */
    private PeerSnapshot batchSender;

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

    /** Transport thread: the sender's snapshot for the current read's deliveries. */
    PeerSnapshot batchSender(Link link) {
        if (batchSender == null) {
            batchSender = link.snapshot();
        }
        return batchSender;
    }

    /** Transport thread: a delivery for {@code handlers}, to be handed over with the rest of the read. */
    void addToBatch(SerialExecutor handlers, Runnable delivery) {
        if (batch == null) {
            batch = new ArrayList<>();
            batchFor = handlers;
        }
        batch.add(delivery);
    }

    /** Transport thread: the read is complete (or something must not overtake it): hand the batch over. */
    void flushBatch() {
        List<Runnable> deliveries = batch;
        batchSender = null;
        if (deliveries == null) {
            return;
        }
        batch = null;
        SerialExecutor handlers = batchFor;
        batchFor = null;
        handlers.execute(deliveries.size() == 1 ? deliveries.get(0) : () -> deliveries.forEach(Runnable::run));
    }
}
