package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerEventBusTest {
    private final PeerEventBus bus = new PeerEventBus();
    private final PeerEvent event = new PeerEvent.HandshakeFailed(new PeerId(1),
            TransportAddress.of("tcp", "192.0.2.1", 13031), CloseReason.of(DisconnectReason.HANDSHAKE_TIMEOUT));

    @Test
    void aListenerThatThrowsDoesNotKeepTheEventFromTheOthers() {
        List<PeerEvent> heard = new ArrayList<>();
        bus.subscribe(e -> {
            throw new IllegalStateException("a broken listener");
        });
        bus.subscribe(heard::add);

        bus.publish(event);

        assertThat(heard).containsExactly(event);
    }

    @Test
    void anUnsubscribedListenerHearsNothingMore() {
        List<PeerEvent> heard = new ArrayList<>();
        Subscription s = bus.subscribe(heard::add);
        bus.publish(event);
        s.close();
        bus.publish(event);

        assertThat(heard).hasSize(1);
    }
}
