package io.mintp2p.core.node;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.MessageType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's message handlers and the hand-over of a message to them. A message is handed to
 * its peer's serial executor (on the handler pool), so one peer's messages reach the handlers in the
 * order they came and one at a time; its read budget comes back when they are done.
 *
 * <p>A protocol's response is not handed over: it completes its request where it was decoded, and
 * a protocol's request goes to its server ({@link ProtocolRuntime#intercept}).
 *
 * <p>Threads: {@link #subscribe} on any thread; {@link #deliver} on a transport thread (accepted
 * peers, see {@link InboundRoute}) or the node thread; handlers on the handler pool. Nothing blocks.
 */
final class HandlerDispatch {
    private final Map<MessageType<?>, List<MessageHandler<?>>> subscribers = new ConcurrentHashMap<>();
    private final EventLog events;
    /** Requests and responses of the registered protocols; null when there are none. */
    private final ProtocolRuntime protocols;

    HandlerDispatch(EventLog events) {
        this(events, null);
    }

    HandlerDispatch(EventLog events, ProtocolRuntime protocols) {
        this.events = events;
        this.protocols = protocols == null || protocols.isEmpty() ? null : protocols;
    }

    <T> Subscription subscribe(MessageType<T> type, MessageHandler<T> handler) {
        List<MessageHandler<?>> list = subscribers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
        list.add(handler);
        return () -> list.remove(handler);
    }

    /**
     * Node thread, once an accepted peer closed and its last message was handed over: its requests
     * fail and the protocols' onDisconnected hooks are queued after its messages.
     */
    void peerClosed(Link link, CloseReason reason) {
        if (protocols != null) {
            protocols.closed(link, reason);
        }
    }

    /** @param batched on the transport thread of a connection that signals read completion: hand over with the read */
    @SuppressWarnings("unchecked")
    <T> void deliver(Link link, AppMessage<T> app, int size, boolean batched) {
        List<MessageHandler<?>> handlers = subscribers.get(app.type());
        if (protocols != null && protocols.intercept(link, app, size, batched, handlers != null && !handlers.isEmpty())) {
            return;
        }
        if (handlers == null || handlers.isEmpty()) {
            link.release(size);
            app.releaseBody();
            return;
        }
        PeerSnapshot from = batched ? link.batchSender() : link.snapshot();
        Runnable delivery = () -> {
            try {
                for (MessageHandler<?> h : handlers) {
                    try {
                        ((MessageHandler<T>) h).onMessage(from, app.body());
                    } catch (RuntimeException e) {
                        events.info("handler-failed", "handler for {} failed on a message from {}: {}", app.type(),
                                from.id(), e.toString());
                    }
                }
            } finally {
                link.release(size);
                app.releaseBody();
            }
        };
        if (batched) {
            link.addToBatch(delivery);
        } else {
            link.execute(delivery);
        }
    }
}
