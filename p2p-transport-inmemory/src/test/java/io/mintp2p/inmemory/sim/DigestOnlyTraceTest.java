package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run that keeps only the trace's digest is the same run: same digest, same number of lines. */
class DigestOnlyTraceTest {

    private static Simulation run(boolean digestOnly) {
        Simulation sim = new Simulation(11);
        if (digestOnly) {
            sim.keepDigestOnly();
        }
        TransportAddress boot = Simulation.address("10.0.0.1");
        for (int i = 0; i < 30; i++) {
            List<TransportAddress> bootNodes = i == 0 ? List.of() : List.of(boot);
            sim.addNode("10.0.0." + (i + 1), b -> b.targetOutbound(4).bootNodes(bootNodes));
            sim.runFor(Duration.ofMillis(100));
        }
        sim.runFor(Duration.ofMinutes(1));
        return sim;
    }

    @Test
    void keepingTheDigestOnlyChangesNothingButTheMemory() {
        Simulation full = run(false);
        Simulation lean = run(true);
        assertThat(full.trace()).hasSizeGreaterThan(30 * 4);
        assertThat(lean.traceDigest()).isEqualTo(full.traceDigest());
        assertThat(lean.traceLines()).isEqualTo(full.trace().size());
        assertThatThrownBy(lean::trace).isInstanceOf(IllegalStateException.class);
    }
}
