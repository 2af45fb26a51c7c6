package io.mintp2p.core.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where one connection's decoded frames go, decided on its transport thread. Everything goes through
 * the node thread until the peer is accepted; from then on application messages go straight to the
 * peer's handlers, unless frames of the connection are still queued for the node thread: those would
 * be overtaken, and a peer's messages reach its handlers in the order they came. The state is two
 * fields of the {@link Link}; nothing blocks.
 */
final class InboundRoute {
    private static final VarHandle QUEUED_FOR_NODE;

    static {
        try {
            QUEUED_FOR_NODE = MethodHandles.lookup().findVarHandle(Link.class, "queuedForNode", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private InboundRoute() {
    }

    /** Transport thread: nothing of the connection waits for the node thread, so nothing handled here can overtake it. */
    static boolean nothingQueuedForNode(Link link) {
        return link.queuedForNode == 0;
    }

    /** Transport thread: whether an application message may go to the handlers directly now. */
    static boolean takesDirect(Link link) {
        return link.direct && link.queuedForNode == 0;
    }

    /** Transport thread: a frame was queued for the node thread. */
    static void queuedForNode(Link link) {
        QUEUED_FOR_NODE.getAndAdd(link, 1);
    }

    /** Node thread: a queued frame was handled (its application message, if any, is with the handlers). */
    static void handledByNode(Link link) {
        QUEUED_FOR_NODE.getAndAdd(link, -1);
    }
}
