package io.mintp2p.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.NetworkMagic;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.WillDisconnect;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every handshake and keepalive rule of DESIGN.md "Connection maintenance" and WIRE.md, on virtual time. */
class PeerSessionTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final SelfConnectionGuard guard = new SelfConnectionGuard();
    private final SessionSettings ours = SessionSettings.from(P2pConfig.builder().build(), 0);

    private PeerSession session(Direction direction, RecordingOutput out) {
        return session(direction, out, ours, guard);
    }

    private PeerSession session(Direction direction, RecordingOutput out, SessionSettings settings,
                                SelfConnectionGuard g) {
        return new PeerSession(settings, direction, Optional.of(address()), time, new SplittableRandom(1), g, out);
    }

    private static PeerAddress address() {
        try {
            return new PeerAddress(InetAddress.getByName("10.1.2.3"), 23031);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Hello hello(int version, NetworkMagic magic, long time) {
        return new Hello(version, magic, 4, "peer", new SemVer(1, 0, 0), Optional.empty(), time, 99);
    }

    private Hello hello(int version) {
        return hello(version, Network.REGTEST.magic(), time.unixSeconds());
    }

    private HelloAck ack(int version, NetworkMagic magic, long t) {
        return new HelloAck(version, magic, 4, "peer", new SemVer(1, 0, 0), Optional.empty(), t);
    }

    /** Two sessions joined by a zero-latency pipe on the virtual scheduler. */
    private PeerSession[] pair(RecordingOutput dialerOut, RecordingOutput listenerOut, SessionSettings dialerSettings) {
        PeerSession dialer = session(Direction.OUTBOUND, dialerOut, dialerSettings, new SelfConnectionGuard());
        PeerSession listener = session(Direction.INBOUND, listenerOut);
        dialerOut.wire = m -> time.execute(() -> listener.onMessage(m));
        listenerOut.wire = m -> time.execute(() -> dialer.onMessage(m));
        dialerOut.onClose = () -> time.execute(listener::onTransportClosed);
        listenerOut.onClose = () -> time.execute(dialer::onTransportClosed);
        listener.start();
        dialer.start();
        time.runUntilIdle();
        return new PeerSession[] {dialer, listener};
    }

    @Test
    void dialerSaysHelloListenerAcksAndBothComplete() {
        RecordingOutput d = new RecordingOutput();
        RecordingOutput l = new RecordingOutput();
        PeerSession[] s = pair(d, l, ours);
        Hello hello = d.sentOf(Hello.class).get(0);
        assertThat(hello.protocolVersion()).isEqualTo(3);
        assertThat(hello.network()).isEqualTo(Network.REGTEST.magic());
        assertThat(hello.receiverAddress()).contains(address());
        assertThat(l.sentOf(HelloAck.class)).hasSize(1);
        assertThat(s[0].isEstablished()).isTrue();
        assertThat(s[1].isEstablished()).isTrue();
        assertThat(d.completed.commonVersion()).isEqualTo(3);
        assertThat(l.completed.commonVersion()).isEqualTo(3);
    }

    @Test
    void equalUserAgentsOfTwoPeersAreKeptOnce() {
        RecordingOutput first = new RecordingOutput();
        RecordingOutput second = new RecordingOutput();
        PeerSession a = session(Direction.INBOUND, first);
        PeerSession b = session(Direction.INBOUND, second);
        a.start();
        b.start();
        a.onMessage(new Hello(3, Network.REGTEST.magic(), 4, new String("same-agent"), new SemVer(1, 0, 0),
                Optional.empty(), time.unixSeconds(), 1));
        b.onMessage(new Hello(3, Network.REGTEST.magic(), 4, new String("same-agent"), new SemVer(1, 0, 0),
                Optional.empty(), time.unixSeconds(), 2));
        assertThat(first.completed.userAgent()).isSameAs(second.completed.userAgent());
    }

    @Test
    void sessionsOfOneNodeShareOneSchedulerTimerForTheirKeepalives() {
        TimerHeap keepalives = new TimerHeap(time);
        List<RecordingOutput> outs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingOutput out = new RecordingOutput();
            outs.add(out);
            PeerSession s = new PeerSession(ours, Direction.INBOUND, Optional.of(address()), time,
                    new SplittableRandom(i), guard, out, keepalives);
            s.start();
            s.onMessage(hello(3));
            time.advance(Duration.ofSeconds(1));
        }
        assertThat(time.pendingTasks()).as("handshake timers gone, one wake-up for three keepalives").isEqualTo(1);
        time.advance(ours.pingPeriod());
        for (RecordingOutput out : outs) {
            assertThat(out.sentOf(PingRequest.class)).hasSize(1);
        }
    }

    @Test
    void versionTwoPeerNegotiatesTwoAndGetsNoWillDisconnect() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(2));
        assertThat(l.completed.commonVersion()).isEqualTo(2);
        listener.disconnect(CloseReason.of(DisconnectReason.MANUAL));
        assertThat(l.sentOf(WillDisconnect.class)).isEmpty();
        assertThat(l.closedWith).isEqualTo("Manual disconnection");
    }

    @Test
    void futureVersionNegotiatesOurs() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(7));
        assertThat(l.completed.commonVersion()).isEqualTo(3);
        listener.disconnect(CloseReason.of(DisconnectReason.MANUAL, "bye"));
        assertThat(l.sentOf(WillDisconnect.class)).containsExactly(new WillDisconnect("Manual disconnection: bye"));
    }

    @Test
    void versionOneIsRefusedWithoutAckOrWillDisconnect() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(1));
        assertThat(l.sentOf(HelloAck.class)).isEmpty();
        assertThat(l.sentOf(WillDisconnect.class)).isEmpty();
        assertThat(l.closedWith).isEqualTo("Unsupported protocol version, our min version is 2");
        assertThat(l.completed).isNull();
    }

    @Test
    void wrongNetworkGetsWillDisconnectAndCloseButNoAck() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(3, Network.TESTNET.magic(), time.unixSeconds()));
        assertThat(l.sentOf(HelloAck.class)).isEmpty();
        assertThat(l.sentOf(WillDisconnect.class))
                .containsExactly(new WillDisconnect("Wrong network; our network is 'regtest'"));
        assertThat(l.closedWith).startsWith("Wrong network");
        assertThat(l.misbehaviour).as("a wrong network is not misbehaviour (ban 0)").isEmpty();
    }

    @Test
    void dialerRefusesAckFromAnotherNetwork() {
        RecordingOutput d = new RecordingOutput();
        PeerSession dialer = session(Direction.OUTBOUND, d);
        dialer.start();
        dialer.onMessage(ack(3, new NetworkMagic(0x01020304), time.unixSeconds()));
        assertThat(d.closedWith).isEqualTo("Wrong network; our network is 'regtest'");
        assertThat(d.sentOf(WillDisconnect.class)).hasSize(1);
        assertThat(d.completed).isNull();
    }

    @Test
    void clockSkewIsCheckedAtTheBoundaries() {
        long now = time.unixSeconds();
        assertThat(listenerAccepts(now + 10)).isTrue();
        assertThat(listenerAccepts(now + 11)).isFalse();
        assertThat(listenerAccepts(now - 10)).isTrue();
        assertThat(listenerAccepts(now - 11)).isFalse();
    }

    private boolean listenerAccepts(long remoteTime) {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(3, Network.REGTEST.magic(), remoteTime));
        if (l.completed == null) {
            assertThat(l.closedWith).startsWith("Your time").contains("out of the acceptable range");
        }
        return l.completed != null;
    }

    @Test
    void silentPeerIsClosedAfterTenSecondsAndScored() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        time.advance(Duration.ofMillis(9_999));
        assertThat(l.closedWith).isNull();
        time.advance(Duration.ofMillis(1));
        assertThat(l.closedFor.code()).isEqualTo(DisconnectReason.HANDSHAKE_TIMEOUT);
        assertThat(l.misbehaviour).containsExactly("100:HANDSHAKE_TIMEOUT");
    }

    @Test
    void anyOtherMessageBeforeTheHandshakeIsAViolation() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(new AddrListRequest());
        assertThat(l.misbehaviour).containsExactly("100:PROTOCOL_VIOLATION");
        assertThat(l.closedWith).contains("Hello expected");
        assertThat(l.received).isEmpty();
    }

    @Test
    void dialerTakesWillDisconnectInsteadOfAck() {
        RecordingOutput d = new RecordingOutput();
        PeerSession dialer = session(Direction.OUTBOUND, d);
        dialer.start();
        dialer.onMessage(new WillDisconnect("Your address is banned"));
        assertThat(d.closedFor).isEqualTo(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, "Your address is banned"));
        assertThat(d.misbehaviour).isEmpty();
    }

    @Test
    void ourOwnDialComingBackIsASelfConnection() {
        RecordingOutput d = new RecordingOutput();
        RecordingOutput l = new RecordingOutput();
        PeerSession dialer = session(Direction.OUTBOUND, d);
        PeerSession listener = session(Direction.INBOUND, l);
        d.wire = m -> time.execute(() -> listener.onMessage(m));
        l.wire = m -> time.execute(() -> dialer.onMessage(m));
        listener.start();
        dialer.start();
        time.runUntilIdle();
        assertThat(l.closedFor.code()).isEqualTo(DisconnectReason.SELF_CONNECTION);
        assertThat(l.sentOf(HelloAck.class)).isEmpty();
        assertThat(dialer.wasSelfConnection()).isTrue();
        assertThat(d.closedFor).isEqualTo(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, "We think you are a self-connection"));
    }

    @Test
    void idleConnectionIsPingedAfterThePeriodAndClosedWhenThePongNeverComes() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(3));
        time.advance(Duration.ofSeconds(59));
        assertThat(l.sentOf(PingRequest.class)).isEmpty();
        time.advance(Duration.ofSeconds(1));
        assertThat(l.sentOf(PingRequest.class)).hasSize(1);
        long nonce = l.sentOf(PingRequest.class).get(0).nonce();
        listener.onMessage(new PingResponse(nonce + 1));
        assertThat(l.rtts).as("a wrong nonce is ignored").isEmpty();
        time.advance(Duration.ofSeconds(149));
        assertThat(l.closedWith).isNull();
        assertThat(l.sentOf(PingRequest.class)).as("one ping outstanding at a time").hasSize(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(l.closedWith).isEqualTo("You ignore our ping requests");
        assertThat(l.sentOf(WillDisconnect.class)).containsExactly(new WillDisconnect("You ignore our ping requests"));
    }

    @Test
    void matchingPongRecordsTheRoundTripAndKeepsTheConnection() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(3));
        time.advance(Duration.ofSeconds(60));
        long nonce = l.sentOf(PingRequest.class).get(0).nonce();
        time.advance(Duration.ofMillis(250));
        listener.onMessage(new PingResponse(nonce));
        assertThat(l.rtts).containsExactly(Duration.ofMillis(250));
        time.advance(Duration.ofSeconds(150));
        assertThat(l.closedWith).as("answered in time: the ping deadline no longer applies").isNull();
        assertThat(l.sentOf(PingRequest.class)).as("the next ping comes a period after the pong").hasSize(2);
    }

    @Test
    void trafficPostponesThePing() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(3));
        time.advance(Duration.ofSeconds(30));
        listener.onMessage(new AddrListRequest());
        time.advance(Duration.ofSeconds(59));
        assertThat(l.sentOf(PingRequest.class)).as("only 59 s since the last frame").isEmpty();
        time.advance(Duration.ofSeconds(1));
        assertThat(l.sentOf(PingRequest.class)).hasSize(1);
    }

    @Test
    void everyPingIsAnsweredAtOnceWithItsNonce() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(3));
        listener.onMessage(new PingRequest(0x0102030405060708L));
        listener.onMessage(new PingRequest(-1));
        assertThat(l.sentOf(PingResponse.class))
                .containsExactly(new PingResponse(0x0102030405060708L), new PingResponse(-1));
    }

    @Test
    void helloAfterTheHandshakeIsUnexpectedButNotFatal() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(3));
        listener.onMessage(hello(3));
        assertThat(l.misbehaviour).containsExactly("20:UNEXPECTED_MESSAGE");
        assertThat(l.closedWith).isNull();
    }

    @Test
    void willDisconnectFromAnEstablishedPeerClosesWithItsReason() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(3));
        listener.onMessage(new WillDisconnect("You are evicted"));
        assertThat(l.closedFor).isEqualTo(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, "You are evicted"));
    }

    @Test
    void timersStopWhenTheTransportCloses() {
        RecordingOutput l = new RecordingOutput();
        PeerSession listener = session(Direction.INBOUND, l);
        listener.start();
        listener.onMessage(hello(3));
        listener.onTransportClosed();
        time.advance(Duration.ofMinutes(10));
        assertThat(l.sent).hasSize(1);
        assertThat(l.closedWith).isNull();
    }
}
