package io.mintp2p.examples.chain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.examples.chain.logic.Block;
import io.mintp2p.examples.chain.logic.Chain;
import io.mintp2p.examples.chain.logic.Header;
import io.mintp2p.examples.chain.logic.Miner;
import io.mintp2p.inmemory.sim.SimNode;
import io.mintp2p.inmemory.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The one piece of per-peer state the glue keeps, the sync state, stays bounded whatever a peer
 * sends: a flood of blocks we cannot attach makes at most one more round, never a queue of them.
 */
class ChainNodeSyncStateTest {
    @Test
    void aFloodOfUnattachableAnnouncementsRunsAtMostOneMoreRound() {
        Simulation sim = new Simulation(3).withProtocols(ChainWire.PROTOCOL);
        Chain chain = new Chain();
        Map<PeerId, List<CompletableFuture<List<Header>>>> asked = new ConcurrentHashMap<>();
        sim.onNodeBuilt(n -> {
            if (n.ip().equals("10.0.0.1")) {
                new ChainNode(n.node(), chain);
            } else { // the peer answers our header requests only when the test says so
                n.node().serve(ChainWire.GET_HEADERS, (from, q) -> {
                    CompletableFuture<List<Header>> answer = new CompletableFuture<>();
                    asked.computeIfAbsent(from.id(), id -> new ArrayList<>()).add(answer);
                    return answer;
                });
            }
        });
        SimNode us = sim.addNode("10.0.0.1", b -> b);
        SimNode peer = sim.addNode("10.0.0.2", b -> b.bootNode(us.address()).targetOutbound(1).blockRelayOutbound(0));
        sim.runFor(Duration.ofSeconds(1));
        PeerId link = peer.node().peers().get(0).id(); // the connection the announcements go over
        List<CompletableFuture<List<Header>>> rounds = asked.get(link);
        assertThat(rounds).as("the sync of a new peer").hasSize(1);

        Miner miner = new Miner(4);
        Block parent = miner.mineOn(Chain.GENESIS.header(), 8, new byte[] {1});
        P2pNode p = peer.node();
        for (int i = 0; i < 50; i++) {
            p.send(link, ChainWire.NEW_BLOCK, miner.mineOn(parent.header(), 8, new byte[] {(byte) i}));
        }
        sim.runFor(Duration.ofSeconds(1));
        assertThat(rounds).as("rounds while one is in flight").hasSize(1);
        assertThat(chain.size()).as("orphans are not kept").isEqualTo(1);

        rounds.get(0).complete(List.of());
        sim.runFor(Duration.ofSeconds(1));
        assertThat(rounds).as("one more round for all the announcements").hasSize(2);
        rounds.get(1).complete(List.of());
        sim.runFor(Duration.ofSeconds(30));
        assertThat(rounds).as("then idle").hasSize(2);
    }
}
