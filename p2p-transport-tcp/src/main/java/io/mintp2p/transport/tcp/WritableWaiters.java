package io.mintp2p.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Senders waiting for one connection to become writable again ({@code P2pNode.whenWritable}). Nothing
 * is allocated while nobody waits: an idle peer pays one null field.
 */
final class WritableWaiters {
    private List<CompletableFuture<Void>> waiting;

    synchronized CompletableFuture<Void> add() {
        if (waiting == null) {
            waiting = new ArrayList<>(2);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiting.add(f);
        return f;
    }

    /** Completes every waiter (outside the lock: a waiter's continuation may send, or wait again). */
    void releaseAll() {
        List<CompletableFuture<Void>> released;
        synchronized (this) {
            released = waiting;
            waiting = null;
        }
        if (released != null) {
            released.forEach(f -> f.complete(null));
        }
    }

    synchronized boolean isEmpty() {
        return waiting == null;
    }
}
