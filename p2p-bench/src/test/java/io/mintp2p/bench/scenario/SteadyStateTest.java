package io.mintp2p.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SteadyStateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void notSteadyBeforeTwoWindowsHavePassed() {
        SteadyState s = new SteadyState(SECOND);
        for (int i = 0; i < 20; i++) {
            s.add(i * SECOND / 10, 100);
        }
        assertThat(s.isSteady(0.1)).isFalse(); // 1.9 s of samples: the window before is not whole
        s.add(21 * SECOND / 10, 100);
        assertThat(s.isSteady(0.1)).isTrue();
    }

    @Test
    void aSeriesStillImprovingIsNotSteady() {
        SteadyState s = new SteadyState(SECOND);
        for (int i = 0; i <= 30; i++) {
            s.add(i * SECOND / 10, 100 + 10 * i); // 40 % better per second, as a node being compiled
        }
        assertThat(s.isSteady(0.1)).isFalse();
    }

    @Test
    void oneSlowRunDoesNotHideASteadySeries() {
        SteadyState s = new SteadyState(SECOND);
        for (int i = 0; i <= 30; i++) {
            s.add(i * SECOND / 10, i == 28 ? 10 : 100 + (i % 2)); // a GC pause in the last second
        }
        assertThat(s.isSteady(0.1)).isTrue();
    }
}
