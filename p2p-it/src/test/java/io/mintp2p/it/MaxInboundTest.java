package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Twelve nodes dial one node whose maxInbound is 4: it never holds more than 4 inbound peers. */
@ExtendWith(RequiresDocker.class)
class MaxInboundTest {
    @Test
    void maxInboundIsNeverExceeded() throws Exception {
        try (Topology<P2pNodeContainer> t = Topology.start(13, "noise", (i, n) -> i == 0
                ? n.withMaxInbound(4).withTargetOutbound(0)
                : n.withTargetOutbound(2))) {
            P2pNodeContainer hub = t.node(0);
            AtomicInteger highest = new AtomicInteger();
            List<Integer> samples = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < until) {
                int inbound = 0;
                for (JsonNode p : hub.admin().get("peers")) {
                    if (p.get("direction").asText().equals("INBOUND")) {
                        inbound++;
                    }
                }
                samples.add(inbound);
                highest.accumulateAndGet(inbound, Math::max);
                Thread.sleep(200);
            }
            assertThat(highest.get()).as("most inbound peers seen in %d samples", samples.size()).isLessThanOrEqualTo(4);
            assertThat(samples.get(samples.size() - 1)).isEqualTo(4);
            // The others were helped on their way: they found each other through the hub's addresses.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                for (P2pNodeContainer n : t.nodes().subList(1, 13)) {
                    if (Topology.outbound(n) < 1) {
                        return false;
                    }
                }
                return true;
            });
        }
    }
}
