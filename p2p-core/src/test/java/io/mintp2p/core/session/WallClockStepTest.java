package io.mintp2p.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.SemVer;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps of the wall clock (NTP, an operator) move no protocol timer: a driven session's timers all run on monotonic time. */
class WallClockStepTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final SessionSettings settings = SessionSettings.from(P2pConfig.builder().build(), 0);

    private PeerSessionDriver driver(RecordingOutput out) {
        return new PeerSessionDriver(new SessionContext(settings, time, new SplittableRandom(1), new SelfConnectionGuard(),
                new TimerHeap(time)), Direction.INBOUND, Optional.empty(), out);
    }

    private PeerSessionDriver established(RecordingOutput out) {
        PeerSessionDriver s = driver(out);
        s.start();
        s.onMessage(new Hello(3, Network.REGTEST.magic(), 4, "peer", new SemVer(1, 0, 0), Optional.empty(),
                time.unixSeconds(), 7));
        assertThat(s.isEstablished()).isTrue();
        return s;
    }

    @ParameterizedTest
    @ValueSource(longs = {3600, -3600})
    void keepaliveFiresAfterItsPeriodWhateverTheWallClockDoes(long stepSeconds) {
        RecordingOutput out = new RecordingOutput();
        established(out);
        time.advance(Duration.ofSeconds(30));
        time.shiftWallClock(Duration.ofSeconds(stepSeconds));
        time.advance(Duration.ofSeconds(29));
        assertThat(out.sentOf(PingRequest.class)).as("not early").isEmpty();
        time.advance(Duration.ofSeconds(1));
        assertThat(out.sentOf(PingRequest.class)).as("not late").hasSize(1);
        time.shiftWallClock(Duration.ofSeconds(stepSeconds));
        time.advance(settings.pingTimeout().minusSeconds(1));
        assertThat(out.closedFor).as("the ping deadline is not early").isNull();
        time.advance(Duration.ofSeconds(1));
        assertThat(out.closedFor.code()).isEqualTo(DisconnectReason.PING_TIMEOUT);
    }

    @Test
    void handshakeTimeoutIgnoresAWallClockStep() {
        RecordingOutput out = new RecordingOutput();
        PeerSessionDriver s = driver(out);
        s.start();
        time.shiftWallClock(Duration.ofHours(1));
        time.advance(settings.handshakeTimeout().minusMillis(1));
        assertThat(out.closedFor).isNull();
        time.advance(Duration.ofMillis(1));
        assertThat(out.closedFor.code()).isEqualTo(DisconnectReason.HANDSHAKE_TIMEOUT);
    }

    @Test
    void roundTripTimeIsMeasuredOnTheMonotonicClock() {
        RecordingOutput out = new RecordingOutput();
        PeerSessionDriver s = established(out);
        time.advance(settings.pingPeriod());
        PingRequest ping = out.sentOf(PingRequest.class).get(0);
        time.shiftWallClock(Duration.ofHours(-1));
        time.advance(Duration.ofMillis(250));
        s.onMessage(new io.mintp2p.core.wire.PingResponse(ping.nonce()));
        assertThat(out.rtts).containsExactly(Duration.ofMillis(250));
    }
}
