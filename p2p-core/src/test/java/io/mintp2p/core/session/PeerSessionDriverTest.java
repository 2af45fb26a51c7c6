package io.mintp2p.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.time.Cancellable;
import io.mintp2p.core.time.Clock;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.SemVer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The session's I/O shell on virtual time: clock, deadlines on the shared heap, threads meeting. */
class PeerSessionDriverTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final SelfConnectionGuard guard = new SelfConnectionGuard();
    private final SessionSettings ours = SessionSettings.from(P2pConfig.builder().build(), 0);
    private final TimerHeap timers = new TimerHeap(time);

    private PeerSessionDriver driver(Direction direction, RecordingOutput out) {
        return driver(direction, out, guard, time);
    }

    private PeerSessionDriver driver(Direction direction, RecordingOutput out, SelfConnectionGuard g, Scheduler on) {
        return new PeerSessionDriver(new SessionContext(ours, on, new SplittableRandom(1), g, timers), direction,
                Optional.of(PeerAddress.ipv4(new byte[] {10, 1, 2, 3}, 23031)), out);
    }

    private Hello hello() {
        return new Hello(3, Network.REGTEST.magic(), 4, "peer", new SemVer(1, 0, 0), Optional.empty(),
                time.unixSeconds(), 99);
    }

    /** Two sessions joined by a zero-latency pipe on the virtual scheduler. */
    private PeerSessionDriver[] pair(RecordingOutput dialerOut, RecordingOutput listenerOut, SelfConnectionGuard dialerGuard) {
        PeerSessionDriver dialer = driver(Direction.OUTBOUND, dialerOut, dialerGuard, time);
        PeerSessionDriver listener = driver(Direction.INBOUND, listenerOut);
        dialerOut.wire = m -> time.execute(() -> listener.onMessage(m));
        listenerOut.wire = m -> time.execute(() -> dialer.onMessage(m));
        dialerOut.onClose = () -> time.execute(listener::onTransportClosed);
        listenerOut.onClose = () -> time.execute(dialer::onTransportClosed);
        listener.start();
        dialer.start();
        time.runUntilIdle();
        return new PeerSessionDriver[] {dialer, listener};
    }

    @Test
    void dialerSaysHelloListenerAcksAndBothComplete() {
        RecordingOutput d = new RecordingOutput();
        RecordingOutput l = new RecordingOutput();
        PeerSessionDriver[] s = pair(d, l, new SelfConnectionGuard());
        assertThat(d.sentOf(Hello.class).get(0).currentTime()).isEqualTo(time.unixSeconds());
        assertThat(l.sentOf(HelloAck.class)).hasSize(1);
        assertThat(s[0].isEstablished()).isTrue();
        assertThat(s[1].isEstablished()).isTrue();
        assertThat(s[0].commonVersion()).isEqualTo(3);
        assertThat(s[1].state()).isEqualTo(PeerSession.State.ESTABLISHED);
    }

    @Test
    void sessionsOfOneNodeShareOneSchedulerTimerForTheirDeadlines() {
        List<RecordingOutput> outs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingOutput out = new RecordingOutput();
            outs.add(out);
            driver(Direction.INBOUND, out).start();
        }
        assertThat(time.pendingTasks()).as("one wake-up for three handshake deadlines").isEqualTo(1);
        time.advance(ours.handshakeTimeout());
        for (RecordingOutput out : outs) {
            assertThat(out.closedFor.code()).isEqualTo(DisconnectReason.HANDSHAKE_TIMEOUT);
            assertThat(out.misbehaviour).containsExactly("100:HANDSHAKE_TIMEOUT");
        }
        assertThat(time.pendingTasks()).as("closed sessions leave nothing armed").isZero();
    }

    @Test
    void theHandshakeDeadlineGivesWayToTheKeepaliveOnTheSameHeapEntry() {
        RecordingOutput out = new RecordingOutput();
        PeerSessionDriver s = driver(Direction.INBOUND, out);
        s.start();
        assertThat(timers.dueAt(s)).isEqualTo(time.millis() + ours.handshakeTimeout().toMillis());
        time.advance(Duration.ofSeconds(1));
        s.onMessage(hello());
        assertThat(timers.dueAt(s)).isEqualTo(time.millis() + ours.pingPeriod().toMillis());
        time.advance(ours.pingPeriod().minusMillis(1));
        assertThat(out.sentOf(PingRequest.class)).isEmpty();
        assertThat(out.closedFor).as("the old handshake deadline did not fire").isNull();
        time.advance(Duration.ofMillis(1));
        assertThat(out.sentOf(PingRequest.class)).hasSize(1);
        long nonce = out.sentOf(PingRequest.class).get(0).nonce();
        time.advance(Duration.ofMillis(250));
        s.onMessage(new PingResponse(nonce));
        assertThat(out.rtts).containsExactly(Duration.ofMillis(250));
        assertThat(timers.dueAt(s)).isEqualTo(time.millis() + ours.pingPeriod().toMillis());
    }

    @Test
    void trafficNotedByTheNodePostponesThePing() {
        RecordingOutput out = new RecordingOutput();
        PeerSessionDriver s = driver(Direction.INBOUND, out);
        s.start();
        s.onMessage(hello());
        time.advance(Duration.ofSeconds(30));
        s.noteTraffic();
        time.advance(Duration.ofSeconds(59));
        assertThat(out.sentOf(PingRequest.class)).as("only 59 s since the last frame").isEmpty();
        time.advance(Duration.ofSeconds(1));
        assertThat(out.sentOf(PingRequest.class)).hasSize(1);
    }

    @Test
    void anUnansweredPingDisconnectsThroughTheHeap() {
        RecordingOutput out = new RecordingOutput();
        PeerSessionDriver s = driver(Direction.INBOUND, out);
        s.start();
        s.onMessage(hello());
        time.advance(ours.pingPeriod().plus(ours.pingTimeout()));
        assertThat(out.closedFor.code()).isEqualTo(DisconnectReason.PING_TIMEOUT);
        assertThat(s.state()).isEqualTo(PeerSession.State.CLOSED);
    }

    @Test
    void ourOwnDialComingBackIsASelfConnectionUntilTheSchedulerReleasesItsNonce() {
        RecordingOutput d = new RecordingOutput();
        RecordingOutput l = new RecordingOutput();
        PeerSessionDriver dialer = driver(Direction.OUTBOUND, d);
        PeerSessionDriver listener = driver(Direction.INBOUND, l);
        d.wire = m -> time.execute(() -> listener.onMessage(m));
        l.wire = m -> time.execute(() -> dialer.onMessage(m));
        listener.start();
        dialer.start();
        time.runUntilIdle();
        assertThat(l.closedFor.code()).isEqualTo(DisconnectReason.SELF_CONNECTION);
        assertThat(dialer.wasSelfConnection()).isTrue();
        RecordingOutput other = new RecordingOutput();
        PeerSessionDriver dial = driver(Direction.OUTBOUND, other);
        dial.start();
        dial.onTransportClosed();
        long nonce = other.sentOf(Hello.class).get(0).handshakeNonce();
        assertThat(guard.isOwnDial(nonce)).as("kept until the scheduler runs, for the node to ask").isTrue();
        time.runUntilIdle();
        assertThat(guard.isOwnDial(nonce)).isFalse();
    }

    @Test
    void timersStopWhenTheTransportCloses() {
        RecordingOutput l = new RecordingOutput();
        PeerSessionDriver s = driver(Direction.INBOUND, l);
        s.start();
        s.onMessage(hello());
        s.onTransportClosed();
        assertThat(time.pendingTasks()).isZero();
        time.advance(Duration.ofMinutes(10));
        assertThat(l.sent).hasSize(1);
        assertThat(l.closedWith).isNull();
    }

    @Test
    void aDisconnectedSessionDropsItsDeadline() {
        RecordingOutput l = new RecordingOutput();
        PeerSessionDriver s = driver(Direction.INBOUND, l);
        s.start();
        s.disconnect(CloseReason.of(DisconnectReason.MANUAL));
        assertThat(timers.dueAt(s)).isEqualTo(Long.MAX_VALUE);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void offTheSchedulersThreadTheDeadlineIsArmedByTheScheduler() {
        OffLoop transportThread = new OffLoop(time);
        RecordingOutput l = new RecordingOutput();
        PeerSessionDriver s = driver(Direction.INBOUND, l, guard, transportThread);
        s.start();
        s.onMessage(hello());
        assertThat(s.isEstablished()).isTrue();
        assertThat(timers.dueAt(s)).as("the heap is the scheduler's: nothing armed from here").isEqualTo(Long.MAX_VALUE);
        time.runUntilIdle();
        assertThat(timers.dueAt(s)).isEqualTo(time.millis() + ours.pingPeriod().toMillis());
        s.onMessage(new AddrListRequest());
        assertThat(l.received).containsExactly(new AddrListRequest());
    }

    /**
     * The virtual scheduler seen from a thread that is not its own (a transport thread): in its loop
     * only while it runs the tasks handed to it.
     */
    private static final class OffLoop implements Scheduler {
        private final VirtualTimeScheduler loop;
        private boolean inTask;

        OffLoop(VirtualTimeScheduler loop) {
            this.loop = loop;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return loop.schedule(delay, () -> runInLoop(task));
        }

        @Override
        public Clock clock() {
            return loop;
        }

        @Override
        public boolean inLoop() {
            return inTask;
        }

        @Override
        public void execute(Runnable task) {
            loop.execute(() -> runInLoop(task));
        }

        private void runInLoop(Runnable task) {
            inTask = true;
            try {
                task.run();
            } finally {
                inTask = false;
            }
        }
    }
}
