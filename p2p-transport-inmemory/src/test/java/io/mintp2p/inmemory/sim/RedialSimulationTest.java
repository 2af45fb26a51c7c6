package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.transport.Direction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A boot node that is full (one inbound slot, taken by a node it protects) serves a newcomer
 * addresses and lets it go. The newcomer must count that as a failed dial and back off, as after a
 * dial that found nobody: retries 1 s, 2 s, 4 s ... apart, capped at one minute for a boot node,
 * each plus up to a quarter of jitter, and taken at the peer manager's next one-second tick. Before
 * connections that end right after the handshake counted as failures it redialled every second.
 * On virtual time the dial times are exact, so the bounds below are the policy's, not a margin.
 */
class RedialSimulationTest {
    private static final String BOOT = "10.1.0.1";
    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration CAP_FOR_BOOT_NODES = Duration.ofMinutes(1);
    private static final double MAX_JITTER = 0.25;
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration WATCHED = Duration.ofMinutes(10);

    @ParameterizedTest
    @ValueSource(longs = {3, 4, 5})
    void aNewcomerRedialsAFullBootNodeWithExponentialBackoffCappedAtAMinute(long seed) {
        Simulation sim = new Simulation(seed);
        SimNode boot = sim.addNode(BOOT, b -> b.maxInbound(1));
        SimNode filler = sim.addNode("10.2.0.1", b -> b.bootNodes(List.of(boot.address())));
        sim.runFor(Duration.ofSeconds(20));
        assertThat(boot.inboundCount()).as("the filler took the boot node's only inbound slot").isEqualTo(1);

        List<Long> dials = new ArrayList<>();
        List<Long> dropped = new ArrayList<>();
        sim.onPeerEvent((node, event) -> {
            if (!node.ip().equals("10.3.0.1")) {
                return;
            }
            if (event instanceof PeerEvent.Connected c && c.snapshot().direction() == Direction.OUTBOUND
                    && c.snapshot().address().host().equals(BOOT)) {
                dials.add(sim.scheduler().millis());
            } else if (event instanceof PeerEvent.Disconnected d && d.snapshot().direction() == Direction.OUTBOUND
                    && d.snapshot().address().host().equals(BOOT)) {
                dropped.add(sim.scheduler().millis());
            }
        });
        long start = sim.scheduler().millis();
        sim.addNode("10.3.0.1", b -> b.bootNodes(List.of(boot.address())));
        sim.runFor(WATCHED);

        assertThat(boot.node().stats().discovery().servedAndDropped())
                .as("every connection the newcomer made to the boot node was served and dropped")
                .isEqualTo(dials.size());
        assertThat(dropped.size()).as("each dropped before the next dial: %s, %s", dials, dropped)
                .isBetween(dials.size() - 1, dials.size());
        for (int i = 1; i < dials.size(); i++) {
            long delay = Math.min(BASE.toMillis() << (i - 1), CAP_FOR_BOOT_NODES.toMillis());
            long sinceDrop = dials.get(i) - dropped.get(i - 1);
            long roundTrip = dropped.get(i - 1) - dials.get(i - 1);
            assertThat(sinceDrop).as("dial %d of %s: waited at least the back-off after failure %d", i + 1, dials, i)
                    .isGreaterThanOrEqualTo(delay);
            assertThat(sinceDrop).as("dial %d of %s: at the first tick after back-off and jitter", i + 1, dials)
                    .isLessThanOrEqualTo((long) (delay * (1 + MAX_JITTER)) + TICK.toMillis() + roundTrip);
        }
        // The sixth dial comes after 1+2+4+8+16 s of back-off (at most 45 s with jitter and ticks), the
        // seventh after 32 s more: what the wall-clock test used to count in a minute, exactly.
        long inFirstMinute = dials.stream().filter(t -> t - start < Duration.ofMinutes(1).toMillis()).count();
        assertThat(inFirstMinute).as("dials in the first minute: %s", dials).isEqualTo(6);
        assertThat(dials.size()).as("dials in %s, a minute or a little more apart once capped: %s", WATCHED, dials)
                .isBetween(13, 15);
        assertThat(boot.inboundCount()).as("the filler kept the only inbound slot").isEqualTo(1);
        assertThat(boot.peers()).anyMatch(p -> p.direction() == Direction.INBOUND
                && p.address().host().equals(filler.ip()));
    }
}
