package io.mintp2p.core.node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's application-handler tasks: run one at a time, in order, on the node's shared handler
 * pool, so a peer's messages reach the handlers in the order they came while a slow handler of one
 * peer never holds up another's. The queue needs no bound of its own: what a peer may have queued is
 * bounded by its {@link ReadBudget}. Made for a link on its first application message: an idle peer
 * never needs one.
 *
 * <p>Over a transport that {@linkplain io.mintp2p.core.transport.FastPathConnection#signalsReadComplete()
 * signals read completion}, the messages of one read are handed over as one task when the read is
 * complete: one hand-over, and at most one wake-up of a handler thread, per read instead of per
 * message (the hand-over per message cost about as much CPU as the rest of the receive path,
 * BENCHMARKS.md). A batch is handed over before anything of the connection goes to the node thread,
 * and before its close, so nothing overtakes it.
 *
 * <p>Threads: {@link #execute} from any thread; the batch methods on the connection's transport
 * thread only; tasks on the pool. Nothing blocks.
 */
final class HandlerQueue {
    private static final Logger log = LoggerFactory.getLogger(HandlerQueue.class);

    private final Executor pool;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    /** Transport thread only: deliveries of the current read, in order; null while none. */
    private List<Runnable> batch;
    /** Transport thread only: the sender as the current read's handlers see it, made once per read. */
    private PeerSnapshot batchSender;

    HandlerQueue(Executor pool) {
        this.pool = pool;
    }

    void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The pool is shut down: run the rest here so every task's clean-up still happens.
            drain();
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.warn("message handler failed", e);
            }
        }
    }

    /** Transport thread: the sender's snapshot for the current read's deliveries. */
    PeerSnapshot batchSender(Link link) {
        if (batchSender == null) {
            batchSender = link.snapshot();
        }
        return batchSender;
    }

    /** Transport thread: a delivery to be handed over with the rest of the read. */
    void addToBatch(Runnable delivery) {
        if (batch == null) {
            batch = new ArrayList<>();
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
        execute(deliveries.size() == 1 ? deliveries.get(0) : () -> deliveries.forEach(Runnable::run));
    }
}
