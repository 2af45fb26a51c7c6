package io.mintp2p.transport.tcp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A queue many threads add to and one thread (the connection's event loop) takes from, after
 * Dmitry Vyukov's intrusive MPSC queue: an add swaps the tail and links the old one, never retries,
 * and never touches the taker's end. An empty queue is one node and two fields: an idle peer's
 * {@link java.util.concurrent.ConcurrentLinkedQueue} was an object and two nodes, and its add a
 * CAS loop that a quarter of a busy sending thread's time went to (BENCHMARKS.md).
 *
 * <p>An element whose add has swapped the tail but not yet linked it is not seen by {@link #poll}
 * for that moment: the outbox schedules a drain after each add, so it is taken by the next drain.
 */
final class MpscLinkedQueue {
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(MpscLinkedQueue.class, "tail", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Node {
        Object value;
        volatile Node next;

        Node(Object value) {
            this.value = value;
        }
    }

    /** The taker's end: the node last taken (or the first, empty one). Taker only. */
    private Node head;
    /** The adders' end. */
    private volatile Node tail;

    MpscLinkedQueue() {
        Node stub = new Node(null);
        head = stub;
        tail = stub;
    }

    /** Any thread. */
    void add(Object value) {
        Node node = new Node(value);
        Node previous = (Node) TAIL.getAndSet(this, node);
        NEXT.setRelease(previous, node);
    }

    /** The taker only: the oldest element, or null if none is (fully) added yet. */
    Object poll() {
        Node next = head.next;
        if (next == null) {
            return null;
        }
        Object value = next.value;
        next.value = null; // the node stays as the new head: let go of what it held
        head = next;
        return value;
    }

    /** The taker only. */
    boolean isEmpty() {
        return head.next == null;
    }
}
