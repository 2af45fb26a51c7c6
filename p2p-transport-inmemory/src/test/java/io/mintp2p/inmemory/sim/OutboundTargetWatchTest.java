package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboundTargetWatchTest {
    @Test
    void aNodeThatHeldItsTargetCountsAsReachedOnceUntilItRestarts() {
        Simulation sim = new Simulation(3);
        OutboundTargetWatch watch = new OutboundTargetWatch(sim, 1);
        PublicNetwork net = new PublicNetwork(sim, 10, 1, b -> b.targetOutbound(1).blockRelayOutbound(0));
        SimNode boot = net.add();
        SimNode a = net.add();
        sim.runFor(Duration.ofSeconds(30));
        assertThat(watch.atTarget()).as("each holds one outbound peer: the other").isEqualTo(2);
        assertThat(watch.reachedOnce()).isEqualTo(2);

        sim.crash(boot);
        sim.runFor(Duration.ofSeconds(5));
        assertThat(watch.atTarget()).as("a lost its only peer").isZero();
        assertThat(watch.reachedOnce()).as("but held it before (the crashed boot node no longer counts)").isEqualTo(1);

        sim.crash(a);
        sim.restart(a);
        assertThat(watch.reachedOnce()).as("a new process starts from zero").isZero();
        assertThat(watch.below()).isEqualTo(1);
    }
}
