package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The value itself, without Docker. */
class NetworkConditionsValueTest {
    @Test
    void buildsFluentlyAndStaysImmutable() {
        NetworkConditions base = NetworkConditions.latency(Duration.ofMillis(200));
        NetworkConditions c = base.jitter(Duration.ofMillis(50)).loss(2.0).rate(1_000);
        assertThat(base.jitter()).isEqualTo(Duration.ZERO);
        assertThat(base.lossPercent()).isZero();
        assertThat(c.latency()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.jitter()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.lossPercent()).isEqualTo(2.0);
        assertThat(c.rateKbit()).isEqualTo(1_000);
        assertThat(c).isEqualTo(NetworkConditions.latency(Duration.ofMillis(200)).loss(2.0).rate(1_000)
                .jitter(Duration.ofMillis(50)));
        assertThat(c.toString()).isEqualTo("200 ms ± 50 ms, 2.0 % loss, 1000 kbit/s");
        assertThat(NetworkConditions.none().isNone()).isTrue();
        assertThat(NetworkConditions.lossOf(5).delays()).isFalse();
    }

    @Test
    void presetsAreWhatTheySay() {
        assertThat(NetworkConditions.tor().latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(NetworkConditions.tor().jitter()).isPositive();
        assertThat(NetworkConditions.lossyMobile().lossPercent()).isPositive();
        assertThat(NetworkConditions.lossyMobile().rateKbit()).isPositive();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> NetworkConditions.lossOf(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConditions.lossOf(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConditions.latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConditions.none().rate(-5)).isInstanceOf(IllegalArgumentException.class);
    }
}
