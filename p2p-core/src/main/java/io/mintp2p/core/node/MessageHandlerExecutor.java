package io.mintp2p.core.node;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where application message handlers run: never on the protocol thread, so a slow handler slows
 * only its own peer's messages (and, through read backpressure, that peer), never the pings of
 * everyone else. Each peer's messages run in order on it. The node builder may pass any executor
 * ({@link P2pModule#withHandlerExecutor}); the default is a fixed pool of daemon threads that the
 * node shuts down when it stops. Its queue needs no bound of its own: each peer can have at most
 * its read budget of messages waiting.
 */
public record MessageHandlerExecutor(Executor executor, boolean ownedByNode) {
    public MessageHandlerExecutor {
        Objects.requireNonNull(executor, "executor");
    }

    public static MessageHandlerExecutor of(Executor executor) {
        return new MessageHandlerExecutor(executor, false);
    }

    /** A pool of as many daemon threads as there are processors (at least 2). */
    public static MessageHandlerExecutor defaultPool() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "mintp2p-handler-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return new MessageHandlerExecutor(pool, true);
    }

    /** Stops the default pool; an executor the builder passed is theirs to stop. */
    void shutdownIfOwned() {
        if (ownedByNode && executor instanceof ExecutorService service) {
            service.shutdown();
        }
    }
}
