package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.Protocol;
import io.mintp2p.core.node.RequestHandler;
import io.mintp2p.core.node.RequestType;
import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.ServiceFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Simulated nodes speak registered protocols, set up by onNodeBuilt before each start, restarts included. */
class ProtocolsInSimulationTest {
    static final ServiceFlags BIT = ServiceFlags.application(20);
    static final ScaleCodec<String> TEXT = ScaleCodec.of((s, w) -> w.string(s), r -> r.string(100));
    static final RequestType<String, String> ECHO = RequestType.correlated("echo", 80, 81, BIT, TEXT, TEXT);
    static final Protocol PROTOCOL = Protocol.builder("demo", 1, BIT).requests(ECHO).build();

    @Test
    void everyBuiltNodeIsSetUpBeforeItStartsAlsoAfterARestart() {
        Simulation sim = new Simulation(3).withProtocols(PROTOCOL);
        List<String> setUp = new ArrayList<>();
        sim.onNodeBuilt(n -> {
            setUp.add(n.ip());
            n.node().serve(ECHO, RequestHandler.answering((from, q) -> n.ip() + ":" + q));
            n.node().attach(PROTOCOL, peer -> null); // throws if the node had started already
        });
        SimNode a = sim.addNode("10.0.0.1", b -> b.targetOutbound(0));
        SimNode b = sim.addNode("10.0.0.2", c -> c.targetOutbound(0));
        sim.runFor(Duration.ofSeconds(1));
        CompletableFuture<PeerSnapshot> connected = a.node().connect(b.address());
        sim.runFor(Duration.ofSeconds(1));
        PeerSnapshot peer = connected.getNow(null);
        assertThat(peer).isNotNull();
        CompletableFuture<String> answer = a.node().request(peer.id(), ECHO, "hi", Duration.ofSeconds(5));
        sim.runFor(Duration.ofSeconds(1));
        assertThat(answer).isCompletedWithValue("10.0.0.2:hi");

        sim.crash(b);
        sim.restart(b);
        assertThat(setUp).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.2");
    }
}
