package io.mintp2p.core.node;

import io.mintp2p.core.time.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Reads of state the node thread owns, made from any thread. */
final class LoopQueries {
    private LoopQueries() {
    }

    /**
     * Hands {@code query} to the loop without waiting: the future completes on the node thread with its
     * answer (at once when the caller is the loop). The caller does not block.
     */
    static <T> CompletableFuture<T> later(Scheduler scheduler, Supplier<T> query) {
        if (scheduler.inLoop()) {
            return CompletableFuture.completedFuture(query.get());
        }
        return CompletableFuture.supplyAsync(query, scheduler);
    }
}
