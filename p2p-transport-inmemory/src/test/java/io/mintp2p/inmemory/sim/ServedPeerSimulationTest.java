package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.Direction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The peer manager's address messages on links it has not accepted: the request a dialler sends
 * while its verdict on the connection is being made, and the answer a full node gives a peer it
 * serves and then drops. C knows only B, which takes no inbound peers; B's outbound peer A can
 * reach C's book only through those two messages.
 */
class ServedPeerSimulationTest {
    @Test
    void aNodeWithNoRoomServesItsAddressesAndTheNewcomerFindsAPeerThroughThem() {
        Simulation sim = new Simulation(11);
        SimNode a = sim.addNode("10.1.0.1", b -> b.targetOutbound(0).blockRelayOutbound(0));
        SimNode boot = sim.addNode("10.2.0.1", b -> b.targetOutbound(1).blockRelayOutbound(0).maxInbound(0)
                .bootNodes(List.of(a.address())));
        sim.runFor(Duration.ofSeconds(5));
        assertThat(boot.outboundCount()).as("the full node's one peer, A").isEqualTo(1);

        SimNode newcomer = sim.addNode("10.3.0.1", b -> b.targetOutbound(1).blockRelayOutbound(0)
                .bootNodes(List.of(boot.address())));
        sim.runFor(Duration.ofSeconds(30));

        assertThat(boot.node().stats().discovery().servedAndDropped()).as("newcomers B served and dropped")
                .isPositive();
        assertThat(newcomer.peers()).extracting(PeerSnapshot::direction, p -> p.address().host())
                .as("the newcomer's peer, known from B's answer only").contains(
                        org.assertj.core.groups.Tuple.tuple(Direction.OUTBOUND, "10.1.0.1"));
    }
}
