package io.mintp2p.examples.chain.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChainNodeOptionsTest {
    @Test
    void defaultsAndEveryOption() {
        ChainNodeOptions d = ChainNodeOptions.parse();
        assertThat(d.listen()).isEqualTo(TransportAddress.parse("tcp://0.0.0.0:23040"));
        assertThat(d.mineInterval()).isZero();
        ChainNodeOptions o = ChainNodeOptions.parse("--listen", "tcp://127.0.0.1:1", "--boot", "tcp://a:2", "--boot",
                "tcp://b:3", "--name", "n1", "--mine-interval", "500ms", "--mine-blocks", "7", "--mine-work", "12",
                "--seed", "9");
        assertThat(o.boot()).containsExactly(TransportAddress.parse("tcp://a:2"), TransportAddress.parse("tcp://b:3"));
        assertThat(o.name()).isEqualTo("n1");
        assertThat(o.mineInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.mineDelay()).as("the interval by default").isEqualTo(Duration.ofMillis(500));
        assertThat(o.mineBlocks()).isEqualTo(7);
        assertThat(o.mineWork()).isEqualTo(12);
        assertThat(o.seed()).isEqualTo(9);
        assertThat(ChainNodeOptions.parse("--mine-delay", "2s").mineDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badInputNamesTheOption() {
        assertThatThrownBy(() -> ChainNodeOptions.parse("--nope", "1")).hasMessageContaining("--nope");
        assertThatThrownBy(() -> ChainNodeOptions.parse("--boot")).hasMessageContaining("--boot needs a value");
        assertThatThrownBy(() -> ChainNodeOptions.parse("--mine-blocks", "x")).hasMessageContaining("--mine-blocks");
        assertThatThrownBy(() -> ChainNodeOptions.parse("--mine-work", "3")).hasMessageContaining("--mine-work");
        assertThatThrownBy(() -> ChainNodeOptions.parse("--mine-interval", "-1s")).hasMessageContaining("negative");
        assertThatThrownBy(() -> ChainNodeOptions.parse("--listen", "nowhere")).hasMessageContaining("address");
    }
}
