package io.mintp2p.core.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one connection's decoded frames go, decided on its transport thread. Everything goes through
 * the node thread until the peer is accepted; from then on application messages go straight to the
 * peer's handlers, unless frames of the connection are still queued for the node thread: those would
 * be overtaken, and a peer's messages reach its handlers in the order they came.
 *
 * <p>Over a transport that {@linkplain io.mintp2p.core.transport.FastPathConnection#signalsReadComplete()
 * signals read completion}, the messages of one read are handed to the handlers as one task when the
 * read is complete: one hand-over, and at most one wake-up of a handler thread, per read instead of
 * per message (the hand-over per message cost about as much CPU as the rest of the receive path,
 * BENCHMARKS.md). A batch is handed over before anything of the connection goes to the node thread,
 * and before its close, so nothing overtakes it.
 *
 * <p>A layer of {@link Link} (see {@link SerialExecutor}): the batch goes to the link's own serial
 * executor, and its sender is the link's snapshot.
 */
abstract class InboundRoute extends TrafficNotice {
    private static final VarHandle QUEUED_FOR_NODE;

    static {
        try {
            QUEUED_FOR_NODE = MethodHandles.lookup().findVarHandle(InboundRoute.class, "queuedForNode", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Frames queued for the node thread and not yet handled: counted up on the transport thread, down on the node thread. */
    private volatile int queuedForNode;
    /** Set and cleared on the node thread, read on the transport thread. */
    private volatile boolean direct;
    /** Transport thread only: deliveries of the current read, in order; null while none (an idle peer pays a field). */
    private List<Runnable> batch;
    /** Transport thread only: the sender as the current read's handlers see it, made once per read. */
    private PeerSnapshot batchSender;

    /** The peer as its handlers see it now. */
    abstract PeerSnapshot snapshot();

    /** Node thread: the peer was accepted, its application messages may skip the node thread. */
    final void openDirect() {
        direct = true;
    }

    /** Node thread: the peer is being let go, whatever still comes goes through the node thread. */
    final void closeDirect() {
        direct = false;
    }

    /** Transport thread: nothing of the connection waits for the node thread, so nothing handled here can overtake it. */
    final boolean nothingQueuedForNode() {
        return queuedForNode == 0;
    }

    /** Transport thread: whether an application message may go to the handlers directly now. */
    final boolean takesDirect() {
        return direct && nothingQueuedForNode();
    }

    /** Transport thread: a frame was queued for the node thread. */
    final void queuedForNode() {
        QUEUED_FOR_NODE.getAndAdd(this, 1);
    }

    /** Node thread: a queued frame was handled (its application message, if any, is with the handlers). */
    final void handledByNode() {
        QUEUED_FOR_NODE.getAndAdd(this, -1);
    }

    /** Transport thread: the sender's snapshot for the current read's deliveries. */
    final PeerSnapshot batchSender() {
        if (batchSender == null) {
            batchSender = snapshot();
        }
        return batchSender;
    }

    /** Transport thread: a delivery for this peer's handlers, to be handed over with the rest of the read. */
    final void addToBatch(Runnable delivery) {
        if (batch == null) {
            batch = new ArrayList<>();
        }
        batch.add(delivery);
    }

    /** Transport thread: the read is complete (or something must not overtake it): hand the batch over. */
    final void flushBatch() {
        List<Runnable> deliveries = batch;
        batchSender = null;
        if (deliveries == null) {
            return;
        }
        batch = null;
        execute(deliveries.size() == 1 ? deliveries.get(0) : () -> deliveries.forEach(Runnable::run));
    }
}
