package io.mintp2p.core.node;

import io.mintp2p.core.time.NodeThreads;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where application message handlers run: never on the protocol thread, so a slow handler slows
 * only its own peer's messages (and, through read backpressure, that peer), never the pings of
 * everyone else. Each peer's messages run in order on it. The node builder may pass any executor
 * ({@link P2pModule#withHandlerExecutor}, {@link P2pNodeBuilder#handlerExecutor}); the default is a
 * fixed pool of daemon threads named after the node ({@link #defaultPool(String)}) that the node shuts
 * down when it stops: as many slow handlers as it has threads hold up every other peer's handlers. Its queue needs no bound of its own: each peer can have at most
 * its read budget of messages waiting.
 *
 * @param executor    runs the handlers
 * @param ownedByNode whether the node shuts it down when it stops
 */
public record MessageHandlerExecutor(Executor executor, boolean ownedByNode) {
    /**
     * Checks the executor is present.
     *
     * @param executor    runs the handlers
     * @param ownedByNode whether the node shuts it down when it stops
     */
    public MessageHandlerExecutor {
        Objects.requireNonNull(executor, "executor");
    }

    /**
     * An executor the caller owns: the node runs handlers there and never shuts it down. Any thread.
     *
     * @param executor the caller's executor
     * @return not owned by the node
     */
    public static MessageHandlerExecutor of(Executor executor) {
        return new MessageHandlerExecutor(executor, false);
    }

    /**
     * A pool of as many daemon threads as there are processors (at least 2), named
     * {@code mintp2p-handler-<n>}, without log context; a node given it (as its default) shuts it down
     * when it stops. Any thread.
     *
     * @return a new pool, owned by the node
     */
    public static MessageHandlerExecutor defaultPool() {
        AtomicInteger n = new AtomicInteger();
        return new MessageHandlerExecutor(pool(r -> {
            Thread t = new Thread(r, "mintp2p-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }), true);
    }

    /**
     * The default pool of the node named {@code node}: as many daemon threads as there are processors
     * (at least 2), started on demand and ended after 30 s idle, named {@code mintp2p-<node>-handler-<n>},
     * their log lines carrying the MDC key {@code node} (set once per thread, see {@link NodeThreads}).
     * Owned by the node, which shuts it down when it stops. Any thread.
     *
     * @param node the node's name
     * @return a new pool, owned by the node
     */
    public static MessageHandlerExecutor defaultPool(String node) {
        return new MessageHandlerExecutor(pool(NodeThreads.factory(node, "handler")), true);
    }

    private static ThreadPoolExecutor pool(ThreadFactory threads) {
        int size = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Stops the default pool (its threads end once they ran what was handed to them); an executor the
     * builder passed is theirs to stop. Node thread, at stop; does not block.
     */
    void shutdownIfOwned() {
        if (ownedByNode && executor instanceof ExecutorService service) {
            service.shutdown();
        }
    }
}
