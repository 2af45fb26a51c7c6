package io.mintp2p.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.NetworkMagic;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.WillDisconnect;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every handshake and keepalive rule of DESIGN.md and WIRE.md, on the bare state machine: time is
 * whatever the test passes, and nothing runs between calls.
 */
class PeerSessionTest {
    private static final long WALL_START = 1_750_000_000L;
    private static final PeerAddress THEM = PeerAddress.ipv4(new byte[] {10, 1, 2, 3}, 23031);

    private final SessionSettings ours = SessionSettings.from(P2pConfig.builder().build(), 0);
    private final SelfConnectionGuard guard = new SelfConnectionGuard();
    /** Monotonic time of the next call, in milliseconds; the wall clock is WALL_START seconds ahead of it. */
    private long nowMillis = 5_000;

    private long nanos() {
        return nowMillis * 1_000_000L;
    }

    private long unix() {
        return WALL_START + nowMillis / 1000;
    }

    private PeerSession session(Direction direction) {
        return session(direction, guard);
    }

    private PeerSession session(Direction direction, SelfConnectionGuard g) {
        return new PeerSession(new SessionShared(ours, new SplittableRandom(1), g), direction, Optional.of(THEM));
    }

    private PeerSession started(Direction direction, RecordingOutput out) {
        PeerSession s = session(direction);
        s.start(nanos(), unix(), out);
        return s;
    }

    private void handle(PeerSession s, Message m, RecordingOutput out) {
        s.handle(nanos(), unix(), m, out);
    }

    private PeerSession established(RecordingOutput out) {
        PeerSession s = started(Direction.INBOUND, out);
        handle(s, hello(3), out);
        assertThat(s.isEstablished()).isTrue();
        return s;
    }

    private Hello hello(int version, NetworkMagic magic, long time) {
        return new Hello(version, magic, 4, "peer", new SemVer(1, 0, 0), Optional.empty(), time, 99);
    }

    private Hello hello(int version) {
        return hello(version, Network.REGTEST.magic(), unix());
    }

    private HelloAck ack(int version, NetworkMagic magic, long t) {
        return new HelloAck(version, magic, 4, "peer", new SemVer(1, 0, 0), Optional.empty(), t);
    }

    // --- handshake -------------------------------------------------------------------------------------

    @Test
    void dialerAndListenerCompleteTheHandshakeOverAPipe() {
        RecordingOutput d = new RecordingOutput();
        RecordingOutput l = new RecordingOutput();
        PeerSession dialer = session(Direction.OUTBOUND, new SelfConnectionGuard());
        PeerSession listener = session(Direction.INBOUND);
        Deque<Message> toListener = new ArrayDeque<>();
        Deque<Message> toDialer = new ArrayDeque<>();
        d.wire = toListener::add;
        l.wire = toDialer::add;
        listener.start(nanos(), unix(), l);
        dialer.start(nanos(), unix(), d);
        nowMillis += 20;
        while (!toListener.isEmpty() || !toDialer.isEmpty()) {
            if (!toListener.isEmpty()) {
                handle(listener, toListener.poll(), l);
            }
            if (!toDialer.isEmpty()) {
                handle(dialer, toDialer.poll(), d);
            }
        }
        Hello hello = d.sentOf(Hello.class).get(0);
        assertThat(hello.protocolVersion()).isEqualTo(3);
        assertThat(hello.network()).isEqualTo(Network.REGTEST.magic());
        assertThat(hello.receiverAddress()).contains(THEM);
        assertThat(hello.currentTime()).isEqualTo(WALL_START + 5);
        assertThat(l.sentOf(HelloAck.class)).hasSize(1);
        assertThat(dialer.isEstablished()).isTrue();
        assertThat(listener.isEstablished()).isTrue();
        assertThat(d.completed.commonVersion()).isEqualTo(3);
        assertThat(l.completed.commonVersion()).isEqualTo(3);
        assertThat(dialer.commonVersion()).isEqualTo(3);
    }

    @Test
    void theDialNonceIsTheFirstDrawOfTheSharedRandomSourceAndThePingNonceTheNext() {
        RecordingOutput d = new RecordingOutput();
        PeerSession dialer = started(Direction.OUTBOUND, d);
        handle(dialer, ack(3, Network.REGTEST.magic(), unix()), d);
        nowMillis += ours.pingPeriod().toMillis();
        dialer.handleTimeout(nanos(), d);
        SplittableRandom same = new SplittableRandom(1);
        assertThat(d.sentOf(Hello.class).get(0).handshakeNonce()).isEqualTo(same.nextLong());
        assertThat(d.sentOf(PingRequest.class).get(0).nonce()).isEqualTo(same.nextLong());
    }

    @Test
    void aStartedSessionWaitsForTheHandshakeUntilItsTimeout() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = session(Direction.INBOUND);
        assertThat(s.pollTimeout()).as("nothing due before start").isEqualTo(Long.MAX_VALUE);
        s.start(nanos(), unix(), l);
        assertThat(s.awaitsHello()).isTrue();
        assertThat(s.pollTimeout()).isEqualTo(nowMillis + ours.handshakeTimeout().toMillis());
        assertThatThrownBy(() -> s.start(nanos(), unix(), l)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void silentPeerIsClosedAtTheHandshakeDeadlineAndScored() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = started(Direction.INBOUND, l);
        long deadline = s.pollTimeout();
        nowMillis = deadline - 1;
        s.handleTimeout(nanos(), l);
        assertThat(l.closedWith).as("not before its deadline").isNull();
        nowMillis = deadline;
        s.handleTimeout(nanos(), l);
        assertThat(l.closedFor.code()).isEqualTo(DisconnectReason.HANDSHAKE_TIMEOUT);
        assertThat(l.misbehaviour).containsExactly("100:HANDSHAKE_TIMEOUT");
        assertThat(l.sent).as("no WillDisconnect to a peer that said nothing").isEmpty();
        assertThat(s.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void equalUserAgentsOfTwoPeersAreKeptOnce() {
        RecordingOutput first = new RecordingOutput();
        RecordingOutput second = new RecordingOutput();
        PeerSession a = started(Direction.INBOUND, first);
        PeerSession b = started(Direction.INBOUND, second);
        handle(a, new Hello(3, Network.REGTEST.magic(), 4, new String("same-agent"), new SemVer(1, 0, 0),
                Optional.empty(), unix(), 1), first);
        handle(b, new Hello(3, Network.REGTEST.magic(), 4, new String("same-agent"), new SemVer(1, 0, 0),
                Optional.empty(), unix(), 2), second);
        assertThat(first.completed.userAgent()).isSameAs(second.completed.userAgent());
    }

    @Test
    void versionTwoPeerNegotiatesTwoAndGetsNoWillDisconnect() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = started(Direction.INBOUND, l);
        handle(s, hello(2), l);
        assertThat(l.completed.commonVersion()).isEqualTo(2);
        s.disconnect(CloseReason.of(DisconnectReason.MANUAL), l);
        assertThat(l.sentOf(WillDisconnect.class)).isEmpty();
        assertThat(l.closedWith).isEqualTo("Manual disconnection");
    }

    @Test
    void futureVersionNegotiatesOursAndGetsWillDisconnect() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = started(Direction.INBOUND, l);
        handle(s, hello(7), l);
        assertThat(l.completed.commonVersion()).isEqualTo(3);
        s.disconnect(CloseReason.of(DisconnectReason.MANUAL, "bye"), l);
        assertThat(l.sentOf(WillDisconnect.class)).containsExactly(new WillDisconnect("Manual disconnection: bye"));
        assertThat(s.state()).isEqualTo(PeerSession.State.CLOSED);
    }

    @Test
    void versionOneIsRefusedWithoutAckOrWillDisconnect() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = started(Direction.INBOUND, l);
        handle(s, hello(1), l);
        assertThat(l.sentOf(HelloAck.class)).isEmpty();
        assertThat(l.sentOf(WillDisconnect.class)).isEmpty();
        assertThat(l.closedWith).isEqualTo("Unsupported protocol version, our min version is 2");
        assertThat(l.completed).isNull();
    }

    @Test
    void wrongNetworkGetsWillDisconnectAndCloseButNoAck() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = started(Direction.INBOUND, l);
        handle(s, hello(3, Network.TESTNET.magic(), unix()), l);
        assertThat(l.sentOf(HelloAck.class)).isEmpty();
        assertThat(l.sentOf(WillDisconnect.class))
                .containsExactly(new WillDisconnect("Wrong network; our network is 'regtest'"));
        assertThat(l.misbehaviour).as("a wrong network is not misbehaviour (ban 0)").isEmpty();
    }

    @Test
    void dialerRefusesAckFromAnotherNetwork() {
        RecordingOutput d = new RecordingOutput();
        PeerSession s = started(Direction.OUTBOUND, d);
        handle(s, ack(3, new NetworkMagic(0x01020304), unix()), d);
        assertThat(d.closedWith).isEqualTo("Wrong network; our network is 'regtest'");
        assertThat(d.sentOf(WillDisconnect.class)).hasSize(1);
        assertThat(d.completed).isNull();
    }

    @Test
    void clockSkewIsCheckedAtTheBoundaries() {
        long now = unix();
        assertThat(listenerAccepts(now + 10)).isTrue();
        assertThat(listenerAccepts(now + 11)).isFalse();
        assertThat(listenerAccepts(now - 10)).isTrue();
        assertThat(listenerAccepts(now - 11)).isFalse();
    }

    private boolean listenerAccepts(long remoteTime) {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = started(Direction.INBOUND, l);
        handle(s, hello(3, Network.REGTEST.magic(), remoteTime), l);
        if (l.completed == null) {
            assertThat(l.closedWith).startsWith("Your time").contains("out of the acceptable range");
        }
        return l.completed != null;
    }

    @Test
    void theLatestAcceptableTimeIsTheWallClockOfTheHello() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = started(Direction.INBOUND, l);
        long startedAt = unix();
        nowMillis += 5_000;
        handle(s, hello(3, Network.REGTEST.magic(), startedAt + 15), l);
        assertThat(l.completed).as("15 s after start, 10 s after the Hello came").isNotNull();
    }

    @Test
    void anyOtherMessageBeforeTheHandshakeIsAViolation() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = started(Direction.INBOUND, l);
        handle(s, new AddrListRequest(), l);
        assertThat(l.misbehaviour).containsExactly(PeerSession.SCORE_PROTOCOL_VIOLATION + ":PROTOCOL_VIOLATION");
        assertThat(l.closedWith).contains("Hello expected");
        assertThat(l.received).isEmpty();
    }

    @Test
    void dialerTakesWillDisconnectInsteadOfAck() {
        RecordingOutput d = new RecordingOutput();
        PeerSession s = started(Direction.OUTBOUND, d);
        handle(s, new WillDisconnect("Your address is banned"), d);
        assertThat(d.closedFor).isEqualTo(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, "Your address is banned"));
        assertThat(d.misbehaviour).isEmpty();
    }

    @Test
    void ourOwnDialComingBackIsASelfConnection() {
        RecordingOutput d = new RecordingOutput();
        RecordingOutput l = new RecordingOutput();
        PeerSession dialer = started(Direction.OUTBOUND, d);
        PeerSession listener = started(Direction.INBOUND, l);
        handle(listener, d.sentOf(Hello.class).get(0), l);
        assertThat(l.closedFor.code()).isEqualTo(DisconnectReason.SELF_CONNECTION);
        assertThat(l.sentOf(HelloAck.class)).isEmpty();
        handle(dialer, l.sentOf(WillDisconnect.class).get(0), d);
        assertThat(d.closedFor).isEqualTo(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, "We think you are a self-connection"));
        assertThat(dialer.wasSelfConnection()).isTrue();
        assertThat(listener.wasSelfConnection()).as("only the dialing side says so").isFalse();
    }

    @Test
    void aClosedDialHandsItsNonceBackOnlyWhenAsked() {
        RecordingOutput d = new RecordingOutput();
        PeerSession dialer = started(Direction.OUTBOUND, d);
        long nonce = d.sentOf(Hello.class).get(0).handshakeNonce();
        assertThat(dialer.transportClosed()).as("a dial's nonce is to be released").isTrue();
        assertThat(guard.isOwnDial(nonce)).as("still ours until released").isTrue();
        dialer.releaseDialNonce();
        assertThat(guard.isOwnDial(nonce)).isFalse();
        assertThat(dialer.transportClosed()).as("closed already").isFalse();
        assertThat(started(Direction.INBOUND, new RecordingOutput()).transportClosed()).isFalse();
    }

    // --- established -----------------------------------------------------------------------------------

    @Test
    void idleConnectionIsPingedAfterThePeriodAndClosedWhenThePongNeverComes() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = established(l);
        long establishedAt = nowMillis;
        assertThat(s.pollTimeout()).isEqualTo(establishedAt + 60_000);
        nowMillis = establishedAt + 59_999;
        s.handleTimeout(nanos(), l);
        assertThat(l.sentOf(PingRequest.class)).isEmpty();
        nowMillis = establishedAt + 60_000;
        s.handleTimeout(nanos(), l);
        assertThat(l.sentOf(PingRequest.class)).hasSize(1);
        assertThat(s.pollTimeout()).isEqualTo(nowMillis + 150_000);
        long nonce = l.sentOf(PingRequest.class).get(0).nonce();
        handle(s, new PingResponse(nonce + 1), l);
        assertThat(l.rtts).as("a wrong nonce is ignored").isEmpty();
        nowMillis += 149_999;
        s.handleTimeout(nanos(), l);
        assertThat(l.closedWith).isNull();
        assertThat(l.sentOf(PingRequest.class)).as("one ping outstanding at a time").hasSize(1);
        nowMillis += 1;
        s.handleTimeout(nanos(), l);
        assertThat(l.closedWith).isEqualTo("You ignore our ping requests");
        assertThat(l.sentOf(WillDisconnect.class)).containsExactly(new WillDisconnect("You ignore our ping requests"));
        assertThat(s.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void matchingPongRecordsTheRoundTripAndMovesTheNextPingAPeriodOn() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = established(l);
        nowMillis += 60_000;
        s.handleTimeout(nanos(), l);
        long nonce = l.sentOf(PingRequest.class).get(0).nonce();
        nowMillis += 250;
        handle(s, new PingResponse(nonce), l);
        assertThat(l.rtts).containsExactly(Duration.ofMillis(250));
        assertThat(s.pollTimeout()).as("the next ping comes a period after the pong").isEqualTo(nowMillis + 60_000);
        nowMillis += 60_000;
        s.handleTimeout(nanos(), l);
        assertThat(l.closedWith).isNull();
        assertThat(l.sentOf(PingRequest.class)).hasSize(2);
        handle(s, new PingResponse(nonce), l);
        assertThat(l.rtts).as("the old nonce no longer matches").hasSize(1);
    }

    @Test
    void trafficPostponesThePingWithoutMovingTheDeadline() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = established(l);
        long firstCheck = s.pollTimeout();
        nowMillis += 30_000;
        handle(s, new AddrListRequest(), l);
        assertThat(l.received).containsExactly(new AddrListRequest());
        assertThat(s.pollTimeout()).as("traffic is looked at when the check comes").isEqualTo(firstCheck);
        nowMillis = firstCheck;
        s.handleTimeout(nanos(), l);
        assertThat(l.sentOf(PingRequest.class)).as("only 30 s since the last frame").isEmpty();
        assertThat(s.pollTimeout()).isEqualTo(nowMillis + 30_000);
        nowMillis += 20_000;
        s.noteTraffic(nanos());
        nowMillis += 10_000;
        s.handleTimeout(nanos(), l);
        assertThat(l.sentOf(PingRequest.class)).as("traffic the driver only noted counts too").isEmpty();
        nowMillis = s.pollTimeout();
        s.handleTimeout(nanos(), l);
        assertThat(l.sentOf(PingRequest.class)).hasSize(1);
    }

    @Test
    void everyPingIsAnsweredAtOnceWithItsNonce() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = established(l);
        handle(s, new PingRequest(0x0102030405060708L), l);
        handle(s, new PingRequest(-1), l);
        assertThat(l.sentOf(PingResponse.class))
                .containsExactly(new PingResponse(0x0102030405060708L), new PingResponse(-1));
    }

    @Test
    void helloAfterTheHandshakeIsUnexpectedButNotFatal() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = established(l);
        handle(s, hello(3), l);
        assertThat(l.misbehaviour).containsExactly(PeerSession.SCORE_UNEXPECTED_MESSAGE + ":UNEXPECTED_MESSAGE");
        assertThat(l.closedWith).isNull();
        assertThat(s.isEstablished()).isTrue();
    }

    @Test
    void willDisconnectFromAnEstablishedPeerClosesWithItsReason() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = established(l);
        handle(s, new WillDisconnect("You are evicted"), l);
        assertThat(l.closedFor).isEqualTo(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, "You are evicted"));
        assertThat(l.sentOf(WillDisconnect.class)).as("no answer to a goodbye").isEmpty();
    }

    @Test
    void nothingIsDoneAfterTheTransportClosed() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = established(l);
        assertThat(s.transportClosed()).isFalse();
        assertThat(s.pollTimeout()).isEqualTo(Long.MAX_VALUE);
        nowMillis += 600_000;
        s.handleTimeout(nanos(), l);
        handle(s, new PingRequest(1), l);
        s.disconnect(CloseReason.of(DisconnectReason.MANUAL), l);
        assertThat(l.sent).as("the HelloAck only").hasSize(1);
        assertThat(l.closedWith).isNull();
    }

    @Test
    void aSessionNotStartedClosesWithoutSayingAnything() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = session(Direction.OUTBOUND);
        s.disconnect(CloseReason.of(DisconnectReason.MANUAL), l);
        assertThat(l.sent).isEmpty();
        assertThat(l.closedFor.code()).isEqualTo(DisconnectReason.MANUAL);
    }

    @Test
    void onlyAnEstablishedSessionSendsApplicationMessages() {
        RecordingOutput l = new RecordingOutput();
        PeerSession s = started(Direction.INBOUND, l);
        assertThatThrownBy(() -> s.sendEstablished(nanos(), new AddrListRequest(), l))
                .isInstanceOf(IllegalStateException.class);
        handle(s, hello(3), l);
        long check = s.pollTimeout();
        nowMillis = check - 1;
        s.sendEstablished(nanos(), new AddrListRequest(), l);
        nowMillis = check;
        s.handleTimeout(nanos(), l);
        assertThat(l.sentOf(AddrListRequest.class)).hasSize(1);
        assertThat(l.sentOf(PingRequest.class)).as("what we sent counts as traffic").isEmpty();
    }
}
