package io.mintp2p.core.node;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's peer-event listeners. Events are published on the node thread, in the order the node
 * decided them; a listener that throws is logged and the others still hear the event. Subscribing is
 * thread-safe and does not block.
 */
final class PeerEventBus {
    private static final Logger log = LoggerFactory.getLogger(PeerEventBus.class);

    private final List<Consumer<PeerEvent>> listeners = new CopyOnWriteArrayList<>();

    Subscription subscribe(Consumer<PeerEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(PeerEvent event) {
        for (Consumer<PeerEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("peer event listener failed on {}", event, e);
            }
        }
    }
}
