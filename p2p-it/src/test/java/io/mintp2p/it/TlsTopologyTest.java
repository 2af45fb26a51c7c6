package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Eight nodes over TLS 1.3, the boot node's identity pinned in the boot address. */
@ExtendWith(RequiresDocker.class)
class TlsTopologyTest {
    private static final Logger log = LoggerFactory.getLogger(TlsTopologyTest.class);

    @Test
    void eightTlsNodesConvergeWithAPinnedBootIdentityAndGossip() throws Exception {
        long t0 = System.nanoTime();
        try (Topology t = Topology.start(8, "tls", Topology.CustomizeNode.all(n -> n.withTargetOutbound(3)))) {
            String bootIdentity = t.node(0).identity();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                for (P2pNodeContainer n : t.nodes()) {
                    if (Topology.outbound(n) < 3) {
                        return false;
                    }
                }
                return Topology.components(t.nodes()) == 1;
            });
            log.info("8 TLS nodes converged {} ms after the first container started", Topology.since(t0).toMillis());
            boolean someoneSawTheBoot = false;
            for (P2pNodeContainer n : t.nodes().subList(1, 8)) {
                for (JsonNode p : n.admin().get("peers")) {
                    assertThat(p.get("identity").asText()).hasSize(64);
                    someoneSawTheBoot |= p.get("identity").asText().equals(bootIdentity);
                }
            }
            assertThat(someoneSawTheBoot).isTrue();
            String id = t.node(5).admin().post("broadcast", Map.of("payload", "over tls")).get("id").asText();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> Topology.allReceived(t.nodes(), id));
        }
    }
}
