package io.mintp2p.core.node;

import io.mintp2p.core.time.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /**
     * Runs {@code query} directly when already on the loop, else hands it over and blocks the caller
     * until the loop answered (at most 10 s).
     */
    static <T> T onLoop(Scheduler scheduler, Supplier<T> query) {
        if (scheduler.inLoop()) {
            return query.get();
        }
        try {
            return CompletableFuture.supplyAsync(query, scheduler).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("node did not answer: " + e, e);
        }
    }
}
