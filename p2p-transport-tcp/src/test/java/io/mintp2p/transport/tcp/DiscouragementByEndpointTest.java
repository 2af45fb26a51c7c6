package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real sockets on one loopback IP: nodes that share an IP but listen on different ports are discouraged
 * separately (by the endpoint dialled, or the listen address an inbound peer announces), and loopback
 * whitelisting does not spare them (it applies to IP keys only).
 */
class DiscouragementByEndpointTest {
    private final List<P2pNode> nodes = new CopyOnWriteArrayList<>();

    private P2pNode node() {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .targetOutbound(0).blockRelayOutbound(0).whitelistLoopback(true)
                .discouragementDuration(Duration.ofHours(1)).build();
        P2pNode node = Guice.createInjector(new P2pModule(config), new TcpTransportModule()).getInstance(P2pNode.class);
        nodes.add(node);
        node.start().join();
        return node;
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(10, TimeUnit.SECONDS).join());
    }

    private static long discouragedDisconnects(List<PeerEvent> events) {
        return events.stream().filter(e -> e instanceof PeerEvent.Disconnected d
                && d.reason().code() == DisconnectReason.DISCOURAGED).count();
    }

    @Test
    void twoNodesOnOneIpWithDifferentPortsAreKeyedSeparately() throws Exception {
        P2pNode a = node();
        P2pNode b = node();
        P2pNode c = node();
        List<PeerEvent> events = new CopyOnWriteArrayList<>();
        a.onPeerEvent(events::add);
        PeerSnapshot toB = a.connect(b.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        PeerSnapshot toC = a.connect(c.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        assertThat(toB.address().host()).isEqualTo(toC.address().host());

        a.misbehaving(toB.id(), 100, "junk");
        await().atMost(10, TimeUnit.SECONDS).until(() -> discouragedDisconnects(events) == 1);
        // A report on the node thread after B's: by then whatever B's discouragement dropped is gone from peers().
        a.misbehaving(toC.id(), 0, "probe");
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof PeerEvent.Misbehaved m && m.peer().equals(toC.id())));
        assertThat(a.peers()).extracting(PeerSnapshot::id).containsExactly(toC.id());

        // B dials A from a fresh ephemeral port: it announces its listen address and is recognised.
        b.connect(a.listenAddresses().get(0));
        await().atMost(10, TimeUnit.SECONDS).until(() -> discouragedDisconnects(events) == 2);
        assertThat(a.peers()).extracting(PeerSnapshot::id).containsExactly(toC.id());
    }
}
