package io.mintp2p.core.time;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Names and log context of the threads a node makes: {@code mintp2p-<node>} for its one event loop,
 * {@code mintp2p-<node>-<role>-<n>} for the others (handler pool, state writer, DNS seeds, a transport's
 * event loops). Each such thread serves one node only, so its SLF4J MDC key {@link #MDC_KEY} is set once
 * when the thread starts, not around every task: a log line written there says which node wrote it at
 * no cost per task. Threads shared by several nodes (a scheduler or executor the application passes in,
 * the in-memory transport's JVM-wide loop) carry no node context. Any thread; nothing here blocks.
 */
public final class NodeThreads {
    /** The MDC key of the node's name; a logback pattern shows it with {@code %X{node}}. */
    public static final String MDC_KEY = "node";

    private NodeThreads() {
    }

    /**
     * The name of the node's event-loop thread: {@code mintp2p-<node>}.
     *
     * @param node the node's name
     * @return the thread's name
     */
    public static String loopName(String node) {
        return "mintp2p-" + node;
    }

    /**
     * Daemon threads named {@code mintp2p-<node>-<role>-<n>} (n from 1), each running with the MDC key
     * {@link #MDC_KEY} set to {@code node}.
     *
     * @param node the node's name
     * @param role such as "handler"
     * @return the factory
     */
    public static ThreadFactory factory(String node, String role) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(role, "role");
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(withNodeContext(node, r), loopName(node) + "-" + role + "-" + n.incrementAndGet());
    }

    /**
     * One daemon thread named {@code name} running {@code task} with the node's MDC context.
     *
     * @param node the node's name, for the MDC
     * @param name the thread's name
     * @param task what the thread runs
     * @return the thread, not started
     */
    public static Thread newThread(String node, String name, Runnable task) {
        return daemon(withNodeContext(node, task), name);
    }

    /**
     * {@code task} with the MDC key {@link #MDC_KEY} set to {@code node} for as long as it runs: for the
     * body of a thread that serves that node only (set once, so nothing is paid per task it runs).
     *
     * @param node the node's name
     * @param task the thread's body
     * @return the wrapped body
     */
    public static Runnable withNodeContext(String node, Runnable task) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(task, "task");
        return () -> {
            MDC.put(MDC_KEY, node);
            try {
                task.run();
            } finally {
                MDC.remove(MDC_KEY);
            }
        };
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
