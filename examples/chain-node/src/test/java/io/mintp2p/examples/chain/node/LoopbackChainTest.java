package io.mintp2p.examples.chain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.examples.chain.logic.Block;
import io.mintp2p.examples.chain.logic.Chain;
import io.mintp2p.examples.chain.logic.Miner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reference node over real TCP sockets on loopback: four nodes converge on 50 blocks mined at one,
 * a late joiner syncs them headers-first, and a peer sending an invalid block is reported, dropped and
 * not redialled.
 */
class LoopbackChainTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<P2pNode> nodes = new ArrayList<>();

    private P2pNode start(Chain chain, List<TransportAddress> boot) {
        return start(chain, boot, b -> b);
    }

    private P2pNode start(Chain chain, List<TransportAddress> boot, UnaryOperator<P2pConfig.Builder> config) {
        return start(chain, boot, config, e -> { });
    }

    /** A running node with a chain (or without one: {@code chain} null), booting from {@code boot}. */
    private P2pNode start(Chain chain, List<TransportAddress> boot, UnaryOperator<P2pConfig.Builder> config,
                          Consumer<PeerEvent> events) {
        P2pConfig c = config.apply(P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .bootNodes(boot)).build();
        P2pNode node = P2pNode.builder(c).protocols(ChainWire.PROTOCOL).build();
        if (chain != null) {
            new ChainNode(node, chain);
        }
        node.onPeerEvent(events);
        nodes.add(node);
        node.start().join();
        return node;
    }

    @AfterEach
    void stop() {
        nodes.forEach(P2pNode::close);
    }

    private static void mine(Chain chain, int blocks) {
        Miner miner = new Miner(42);
        for (int i = 0; i < blocks; i++) {
            chain.add(miner.mine(chain, 8, ("block " + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void fourNodesConvergeOnFiftyBlocksAndALateJoinerSyncsThem() {
        List<Chain> chains = List.of(new Chain(), new Chain(), new Chain(), new Chain());
        P2pNode first = start(chains.get(0), List.of());
        List<TransportAddress> boot = first.listenAddresses();
        for (Chain c : chains.subList(1, 4)) {
            start(c, boot);
        }
        await().atMost(WAIT).until(() -> first.peers().size() == 3);

        long t0 = System.nanoTime();
        mine(chains.get(0), 50);
        Block tip = chains.get(0).tip();
        await().atMost(WAIT).until(() -> chains.stream().allMatch(c -> c.tip().equals(tip)));
        long converged = (System.nanoTime() - t0) / 1_000_000;

        Chain late = new Chain();
        long t1 = System.nanoTime();
        start(late, nodes.get(2).listenAddresses());
        await().atMost(WAIT).until(() -> late.tip().equals(tip));
        System.out.printf("LOOPBACK 4 nodes on 50 blocks (height %d) in %d ms; a late joiner synced them in %d ms%n",
                tip.header().height(), converged, (System.nanoTime() - t1) / 1_000_000);
        assertThat(late.reorgs()).isZero();
        assertThat(late.size()).isEqualTo(51);
    }

    @Test
    void aPeerSendingAnInvalidBlockIsReportedDroppedAndNotRedialled() throws IOException {
        // The rogue speaks the protocol, runs no chain and dials nobody; the victim dials it as a boot node,
        // and also a boot node where nothing listens: its failed dials show the victim's redial passes.
        P2pNode rogue = start(null, List.of(), b -> b.targetOutbound(0).blockRelayOutbound(0));
        Queue<PeerEvent> rogueHeard = new ConcurrentLinkedQueue<>();
        rogue.onPeerEvent(rogueHeard::add);
        TransportAddress nobody;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = TransportAddress.of("tcp", "127.0.0.1", s.getLocalPort());
        }
        Chain chain = new Chain();
        Queue<PeerEvent> heard = new ConcurrentLinkedQueue<>();
        P2pNode victim = start(chain, List.of(rogue.listenAddresses().get(0), nobody), b -> b, heard::add);
        await().atMost(WAIT).until(() -> rogue.peers().size() == 1);

        rogue.send(rogue.peers().get(0).id(), ChainWire.NEW_BLOCK, ChainSimulationTest.forged(Chain.GENESIS));

        await().atMost(WAIT).until(() -> heard.stream().anyMatch(PeerEvent.Misbehaved.class::isInstance)
                && victim.peers().isEmpty());
        PeerEvent.Misbehaved m = heard.stream().filter(PeerEvent.Misbehaved.class::isInstance)
                .map(PeerEvent.Misbehaved.class::cast).findFirst().orElseThrow();
        assertThat(m.score()).isEqualTo(100);
        assertThat(m.reason().detail()).contains("invalid block").contains("BAD_WORK");
        assertThat(chain.size()).isEqualTo(1);
        // Two more passes over the boot nodes (back-off 1 s, 2 s...): the rogue is skipped in each.
        long failed = victim.stats().dialsFailed();
        await().atMost(WAIT).until(() -> victim.stats().dialsFailed() >= failed + 2);
        assertThat(rogueHeard.stream().filter(PeerEvent.Connected.class::isInstance).count()).as("rogue's connections")
                .isEqualTo(1);
        assertThat(victim.peers()).isEmpty();
    }
}
