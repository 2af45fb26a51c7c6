package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Eight nodes over TLS 1.3, two boot nodes whose identities are pinned in the boot addresses; the
 * topology is a Testcontainers {@code @Container}, started and stopped by JUnit.
 */
@ExtendWith(RequiresDocker.class)
@Testcontainers
class TlsTopologyTest {
    private static final Logger log = LoggerFactory.getLogger(TlsTopologyTest.class);

    @Container
    static final Topology<P2pNodeContainer> NET = Topology.builder().nodes(8).transport("tls").bootNodes(2).targetOutbound(3).build();

    @Test
    void eightTlsNodesConvergeWithPinnedBootIdentitiesAndGossip() throws Exception {
        Duration took = NET.awaitConverged(Duration.ofMinutes(3));
        log.info("8 TLS nodes converged {} ms after the containers were up", took.toMillis());
        String bootIdentity = NET.node(0).identity();
        boolean someoneSawTheBoot = false;
        for (P2pNodeContainer n : NET.nodes().subList(1, 8)) {
            for (JsonNode p : n.admin().get("peers")) {
                assertThat(p.get("identity").asText()).hasSize(64);
                someoneSawTheBoot |= p.get("identity").asText().equals(bootIdentity);
            }
        }
        assertThat(someoneSawTheBoot).isTrue();
        NET.awaitBroadcastReaches(NET.node(5), "over tls", Duration.ofSeconds(30));
    }
}
