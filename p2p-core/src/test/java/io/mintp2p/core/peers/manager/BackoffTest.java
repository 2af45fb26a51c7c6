package io.mintp2p.core.peers.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(new SplittableRandom(7));

    private static TransportAddress addr(int i) {
        return TransportAddress.of("tcp", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 23031);
    }

    @Test
    void entriesAreForgottenLongAfterTheyMayBeDialledAgain() {
        backoff.failed(addr(1), 0, false);
        backoff.prune(Duration.ofMinutes(29).toMillis());
        assertThat(backoff.size()).isEqualTo(1);
        backoff.prune(Duration.ofMinutes(32).toMillis());
        assertThat(backoff.size()).isZero();
        assertThat(backoff.failures(addr(1))).isZero();
    }

    @Test
    void aPruneForgetsTheStalestEntriesUpToTheFirstStillRemembered() {
        for (int i = 0; i < 100; i++) {
            backoff.failed(addr(i), i * 60_000L, false);
        }
        backoff.prune(Duration.ofMinutes(31 + 49).toMillis());
        assertThat(backoff.size()).as("failed at minutes 0-49 (retry within 1.25 s): forgotten").isEqualTo(50);
        assertThat(backoff.failures(addr(49))).isZero();
        assertThat(backoff.failures(addr(50))).isEqualTo(1);
        backoff.prune(Duration.ofHours(3).toMillis());
        assertThat(backoff.size()).isZero();
    }

    @Test
    void atMostMaxEntriesAreKeptTheStalestGoFirst() {
        for (int i = 0; i < Backoff.MAX_ENTRIES + 100; i++) {
            backoff.failed(addr(i), i, false);
        }
        assertThat(backoff.size()).isEqualTo(Backoff.MAX_ENTRIES);
        assertThat(backoff.failures(addr(0))).isZero();
        assertThat(backoff.failures(addr(Backoff.MAX_ENTRIES + 99))).isEqualTo(1);
    }

    @Test
    void aRepeatedFailureMovesToTheEndAndDoublesTheDelay() {
        backoff.failed(addr(1), 0, false);
        backoff.failed(addr(1), 2000, false);
        assertThat(backoff.failures(addr(1))).isEqualTo(2);
        assertThat(backoff.mayDial(addr(1), 3999)).isFalse();
        assertThat(backoff.mayDial(addr(1), 2000 + 2500)).isTrue();
    }
}
