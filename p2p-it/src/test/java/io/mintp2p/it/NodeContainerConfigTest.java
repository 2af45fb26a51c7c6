package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.wait.strategy.LogMessageWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;

/** How containers and topologies are configured, without Docker (nothing here starts a container). */
class NodeContainerConfigTest {
    @Test
    void aCustomNodeGetsItsCommandLineFromItsBootNodesAndIsReadyWhenItsP2pPortAccepts() {
        CustomNodeContainer n = new CustomNodeContainer("node3", "mychain/node:dev").withP2pPort(4000)
                .withCommandLine(c -> List.of("--port", String.valueOf(c.p2pPort()), "--peers", String.join(",", c.bootNodes())))
                .withBootNodes("tcp://node0:4000").withBootNodes("tcp://node1:4000");
        n.configure();

        assertThat(n.getCommandParts()).containsExactly("--port", "4000", "--peers", "tcp://node0:4000,tcp://node1:4000");
        assertThat(n.p2pAddress()).isEqualTo("tcp://node3:4000");
        assertThat(n.bootAddress()).isEqualTo("tcp://node3:4000");
        assertThat(n.getExposedPorts()).containsExactly(4000);
        assertThat(n.unshapedPorts()).isEmpty();
        assertThat(n.readiness()).isInstanceOf(PortAccepting.class);
    }

    @Test
    void aChosenReadinessCheckStaysAndOtherExposedPortsAreNeverShaped() {
        CustomNodeContainer n = new CustomNodeContainer("n", "img").withP2pPort(4000).withExposedPorts(4000, 9000)
                .withTransport("quic").waitingFor(Wait.forLogMessage(".*ready.*", 1));
        n.configure();

        assertThat(n.readiness()).isInstanceOf(LogMessageWaitStrategy.class);
        assertThat(n.unshapedPorts()).containsExactly(9000);
        assertThat(n.p2pAddress()).isEqualTo("quic://n:4000");
    }

    @Test
    void aNodeWithoutAP2pPortIsRefusedBeforeItStarts() {
        CustomNodeContainer n = new CustomNodeContainer("n", "img");
        assertThatThrownBy(n::configure).isInstanceOf(IllegalStateException.class).hasMessageContaining("withP2pPort");
        assertThatThrownBy(() -> n.withP2pPort(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> n.withP2pPort(65_536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStockPresetKeepsItsCliHealthCheckAndAdminPortOutOfTheShaper() {
        P2pNodeContainer n = new P2pNodeContainer("node1", "mintp2p/node:test").withBootNodes("noise://node0:23031")
                .withTargetOutbound(3);
        n.configure();

        assertThat(n.getCommandParts()).startsWith("run", "--listen", "noise://0.0.0.0:23031", "--admin", "0.0.0.0:8080")
                .containsSequence("--boot", "noise://node0:23031").endsWith("--target-outbound", "3");
        assertThat(n.readiness()).isNotInstanceOf(PortAccepting.class);
        assertThat(n.unshapedPorts()).containsExactly(P2pNodeContainer.ADMIN_PORT);
        assertThat(n.p2pAddress()).isEqualTo("noise://node1:23031");
    }

    @Test
    void aTopologyOfOtherContainersRefusesTheStockNodesSettings() {
        NodeFactory<CustomNodeContainer> factory = (i, name, boot) -> new CustomNodeContainer(name, "img").withP2pPort(1);
        assertThatThrownBy(() -> Topology.builder().targetOutbound(3).containers(factory).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Topology.builder().containers(factory).ping(Duration.ofSeconds(1), Duration.ofSeconds(3)).build())
                .isInstanceOf(IllegalStateException.class);
        try (Topology<CustomNodeContainer> t = Topology.builder().nodes(4).containers(factory).build()) {
            assertThat(t.nodes()).as("nothing starts before start()").isEmpty();
        }
    }
}
