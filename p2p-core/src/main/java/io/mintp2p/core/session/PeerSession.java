package io.mintp2p.core.session;

import io.mintp2p.core.time.Cancellable;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.NetworkMagic;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.ProtocolVersion;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.WillDisconnect;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol of one connection, sans-I/O: the Hello/HelloAck handshake (WIRE.md 9 and A.3), the
 * keepalive (DESIGN.md "Connection maintenance", WIRE.md A.4) and WillDisconnect. It is driven by
 * {@link #start()}, {@link #onMessage}, {@link #onTransportClosed()} and timers on the injected
 * scheduler; it acts only through {@link SessionOutput}. Its methods hold the session's lock: the
 * node starts a session on the connection's transport thread and answers an inbound Hello there,
 * while its scheduler may fire the handshake timer or disconnect it (a node shutting down); once
 * established only the scheduler drives it, and the lock is never contended.
 *
 * <p>The session is its own keepalive timer, armed on the node's shared heap for the whole life of
 * the session: one object per peer rather than a session and a timer (40 B per idle peer,
 * BENCHMARKS.md, "Where an idle peer's memory goes").
 */
public final class PeerSession extends TimerHeap.Timer {
    private static final Logger log = LoggerFactory.getLogger(PeerSession.class);

    public static final int SCORE_PROTOCOL_VIOLATION = 100;
    public static final int SCORE_UNEXPECTED_MESSAGE = 20;

    public enum State { NEW, AWAITING_HELLO, AWAITING_HELLO_ACK, ESTABLISHED, CLOSED }

    // Kept per peer for the connection's life, so only what differs between sessions: what the node's
    // sessions share is one reference (BENCHMARKS.md, "Where an idle peer's memory goes").
    private final SessionContext context;
    private final Direction direction;
    /** Only Hello and HelloAck carry it: dropped once the handshake is over, as every idle peer would keep it. */
    private Optional<PeerAddress> remoteAddress;
    private final SessionOutput out;

    private State state = State.NEW;
    private long handshakeNonce;
    private long initTimeSeconds;
    /**
     * The version the peer's Hello or HelloAck announced until the handshake completes, the common
     * version from then on; 0 before either (0 is no version). One field: each matters in one phase.
     */
    private int version;
    private Cancellable handshakeTimer = Cancellable.NONE;
    private long lastActivityMillis;
    private boolean pingOutstanding;
    private long pingNonce;
    private long pingSentNanos;

    /** A session whose keepalive timer waits on a heap of its own (a single session, a test). */
    public PeerSession(SessionSettings settings, Direction direction, Optional<PeerAddress> remoteAddress,
                       Scheduler scheduler, RandomGenerator random, SelfConnectionGuard selfGuard, SessionOutput out) {
        this(settings, direction, remoteAddress, scheduler, random, selfGuard, out, new TimerHeap(scheduler));
    }

    /** @param keepaliveTimers shared by the sessions of one scheduler, which must be the heap's own */
    public PeerSession(SessionSettings settings, Direction direction, Optional<PeerAddress> remoteAddress,
                       Scheduler scheduler, RandomGenerator random, SelfConnectionGuard selfGuard, SessionOutput out,
                       TimerHeap keepaliveTimers) {
        this(new SessionContext(settings, scheduler, random, selfGuard, keepaliveTimers), direction, remoteAddress, out);
    }

    /** A session of a node whose sessions share {@code context}. */
    public PeerSession(SessionContext context, Direction direction, Optional<PeerAddress> remoteAddress,
                       SessionOutput out) {
        this.context = Objects.requireNonNull(context);
        this.direction = Objects.requireNonNull(direction);
        this.remoteAddress = Objects.requireNonNull(remoteAddress);
        this.out = Objects.requireNonNull(out);
    }

    private SessionSettings settings() {
        return context.settings();
    }

    private Scheduler scheduler() {
        return context.scheduler();
    }

    public synchronized State state() {
        return state;
    }

    /** An inbound session that has not had the peer's Hello yet. */
    public synchronized boolean awaitsHello() {
        return state == State.AWAITING_HELLO;
    }

    public synchronized boolean isEstablished() {
        return state == State.ESTABLISHED;
    }

    /** The version agreed on while established, 0 before (round trips go to {@link SessionOutput#pingRoundTrip}). */
    public synchronized int commonVersion() {
        return state == State.ESTABLISHED ? version : 0;
    }

    /** True when the connection was our own dial reaching ourselves (outbound side). */
    public synchronized boolean wasSelfConnection() {
        return direction == Direction.OUTBOUND && context.selfGuard().wasSelf(handshakeNonce);
    }

    /**
     * The connection is open: start the handshake clock; the dialer says Hello. Uses the context's
     * random source and self-connection guard, which must be safe to use from that thread too.
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("session already started");
        }
        initTimeSeconds = scheduler().clock().unixSeconds();
        lastActivityMillis = scheduler().clock().monotonicMillis();
        if (direction == Direction.OUTBOUND) {
            handshakeNonce = context.random().nextLong();
            context.selfGuard().register(handshakeNonce);
            state = State.AWAITING_HELLO_ACK;
            SessionSettings us = settings();
            send(new Hello(us.protocolVersion(), us.network(), us.services(), us.userAgent(), us.softwareVersion(),
                    remoteAddress, initTimeSeconds, handshakeNonce));
        } else {
            state = State.AWAITING_HELLO;
        }
        handshakeTimer = scheduler().schedule(settings().handshakeTimeout(), this::onHandshakeTimeout);
    }

    /** A decoded message from the peer. */
    public synchronized void onMessage(Message message) {
        lastActivityMillis = scheduler().clock().monotonicMillis();
        switch (state) {
            case AWAITING_HELLO -> onAwaitingHello(message);
            case AWAITING_HELLO_ACK -> onAwaitingHelloAck(message);
            case ESTABLISHED -> onEstablished(message);
            default -> log.debug("message {} after close ignored", message.typeName());
        }
    }

    /** Messages came that the node delivered without this session: the connection is not idle. */
    public synchronized void noteTraffic() {
        lastActivityMillis = scheduler().clock().monotonicMillis();
    }

    /** The transport is gone (whoever closed it): stop every timer. */
    public synchronized void onTransportClosed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancelTimers();
        if (direction == Direction.OUTBOUND) {
            scheduler().execute(() -> context.selfGuard().release(handshakeNonce));
        }
    }

    /** Our decision to end the connection: WillDisconnect first when the peer's version has it, then close. */
    public synchronized void disconnect(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        if (state != State.NEW && ProtocolVersion.supportsWillDisconnect(version)) {
            send(new WillDisconnect(reason.message()));
        }
        closeNow(reason);
    }

    /** Sends a post-handshake message (application or address exchange). */
    public synchronized void sendEstablished(Message message) {
        if (state != State.ESTABLISHED) {
            throw new IllegalStateException("session is " + state + ", not established");
        }
        send(message);
    }

    // --- handshake -------------------------------------------------------------------------------------

    private void onAwaitingHello(Message message) {
        if (!(message instanceof Hello hello)) {
            violation(CloseReason.of(DisconnectReason.PROTOCOL_VIOLATION, "Hello expected, got " + message.typeName()));
            return;
        }
        version = hello.protocolVersion();
        Optional<CloseReason> incompatibility = checkCompatible(hello.protocolVersion(), hello.network(), hello.currentTime());
        if (incompatibility.isPresent()) {
            disconnect(incompatibility.get());
            return;
        }
        if (context.selfGuard().isOwnDial(hello.handshakeNonce())) {
            disconnect(CloseReason.of(DisconnectReason.SELF_CONNECTION));
            return;
        }
        SessionSettings us = settings();
        send(new HelloAck(us.protocolVersion(), us.network(), us.services(), us.userAgent(), us.softwareVersion(),
                remoteAddress, scheduler().clock().unixSeconds()));
        establish(hello.protocolVersion(), hello.services(), hello.userAgent(), hello.softwareVersion(),
                hello.receiverAddress());
    }

    private void onAwaitingHelloAck(Message message) {
        if (message instanceof WillDisconnect bye) {
            closeNow(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, bye.reason()));
            return;
        }
        if (!(message instanceof HelloAck ack)) {
            violation(CloseReason.of(DisconnectReason.PROTOCOL_VIOLATION, "HelloAck expected, got " + message.typeName()));
            return;
        }
        version = ack.protocolVersion();
        Optional<CloseReason> incompatibility = checkCompatible(ack.protocolVersion(), ack.network(), ack.currentTime());
        if (incompatibility.isPresent()) {
            disconnect(incompatibility.get());
            return;
        }
        establish(ack.protocolVersion(), ack.services(), ack.userAgent(), ack.softwareVersion(), ack.receiverAddress());
    }

    /** The checks both sides run on the other's Hello/HelloAck: version, clock, network. */
    private Optional<CloseReason> checkCompatible(int theirVersion, NetworkMagic theirNetwork, long theirTime) {
        if (ProtocolVersion.negotiate(settings().protocolVersion(), theirVersion).isEmpty()) {
            return Optional.of(CloseReason.of(DisconnectReason.UNSUPPORTED_VERSION,
                    String.valueOf(ProtocolVersion.MIN_SUPPORTED)));
        }
        long diff = settings().maxClockDiff().toSeconds();
        long earliest = initTimeSeconds - diff;
        long latest = scheduler().clock().unixSeconds() + diff;
        if (theirTime < earliest || theirTime > latest) {
            return Optional.of(CloseReason.of(DisconnectReason.CLOCK_SKEW, timeText(theirTime)
                    + " not in " + Instant.ofEpochSecond(earliest) + "..=" + Instant.ofEpochSecond(latest)));
        }
        if (!theirNetwork.equals(settings().network())) {
            return Optional.of(CloseReason.of(DisconnectReason.WRONG_NETWORK, settings().network().displayName()));
        }
        return Optional.empty();
    }

    /** The peer's time is a u64 on the wire: far beyond what {@link Instant} holds, it is shown as a number. */
    private static String timeText(long unixSeconds) {
        if (unixSeconds < 0 || unixSeconds > Instant.MAX.getEpochSecond()) {
            return Long.toUnsignedString(unixSeconds);
        }
        return Instant.ofEpochSecond(unixSeconds).toString();
    }

    private void establish(int theirVersion, long services, String userAgent, SemVer softwareVersion,
                           Optional<PeerAddress> receiverAddress) {
        handshakeTimer.cancel();
        handshakeTimer = Cancellable.NONE; // let the spent timer go
        remoteAddress = Optional.empty();
        version = ProtocolVersion.negotiate(settings().protocolVersion(), theirVersion).orElseThrow();
        state = State.ESTABLISHED;
        if (scheduler().inLoop()) {
            scheduleKeepalive(settings().pingPeriod());
        } else {
            // An inbound Hello is answered on the transport thread; the keepalive timers are the scheduler's.
            scheduler().execute(this::startKeepalive);
        }
        // Interned: peers running one software send equal user agents, and each peer keeps its own.
        out.handshakeCompleted(new RemoteHello(theirVersion, version, services, userAgent.intern(),
                softwareVersion, receiverAddress));
    }

    private synchronized void onHandshakeTimeout() {
        if (state == State.AWAITING_HELLO || state == State.AWAITING_HELLO_ACK) {
            CloseReason timeout = CloseReason.of(DisconnectReason.HANDSHAKE_TIMEOUT);
            out.misbehaved(SCORE_PROTOCOL_VIOLATION, timeout);
            closeNow(timeout);
        }
    }

    // --- established -----------------------------------------------------------------------------------

    private void onEstablished(Message message) {
        if (message instanceof PingRequest ping) {
            send(new PingResponse(ping.nonce()));
        } else if (message instanceof PingResponse pong) {
            onPingResponse(pong);
        } else if (message instanceof WillDisconnect bye) {
            closeNow(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, bye.reason()));
        } else if (message instanceof Hello || message instanceof HelloAck) {
            out.misbehaved(SCORE_UNEXPECTED_MESSAGE,
                    CloseReason.of(DisconnectReason.UNEXPECTED_MESSAGE, message.typeName() + " after the handshake"));
        } else {
            out.received(message);
        }
    }

    private void onPingResponse(PingResponse pong) {
        if (!pingOutstanding || pong.nonce() != pingNonce) {
            log.debug("ignoring unsolicited or wrong-nonce ping response {}", Long.toHexString(pong.nonce()));
            return;
        }
        pingOutstanding = false;
        Duration rtt = Duration.ofNanos(scheduler().clock().monotonicNanos() - pingSentNanos);
        out.pingRoundTrip(rtt);
        scheduleKeepalive(settings().pingPeriod());
    }

    private synchronized void startKeepalive() {
        if (state == State.ESTABLISHED) {
            scheduleKeepalive(settings().pingPeriod());
        }
    }

    private void scheduleKeepalive(Duration delay) {
        context.keepaliveTimers().schedule(this, delay);
    }

    /** The keepalive timer, checked lazily: traffic only moves {@code lastActivityMillis}, the timer decides when it fires. */
    @Override
    protected synchronized void fire() {
        if (state != State.ESTABLISHED) {
            return;
        }
        long now = scheduler().clock().monotonicMillis();
        if (pingOutstanding) {
            long dueAt = pingSentNanos / 1_000_000L + settings().pingTimeout().toMillis();
            if (now >= dueAt) {
                disconnect(CloseReason.of(DisconnectReason.PING_TIMEOUT));
            } else {
                scheduleKeepalive(Duration.ofMillis(dueAt - now));
            }
            return;
        }
        long idleUntil = lastActivityMillis + settings().pingPeriod().toMillis();
        if (now < idleUntil) {
            scheduleKeepalive(Duration.ofMillis(idleUntil - now));
            return;
        }
        pingNonce = context.random().nextLong();
        pingOutstanding = true;
        pingSentNanos = scheduler().clock().monotonicNanos();
        send(new PingRequest(pingNonce));
        scheduleKeepalive(settings().pingTimeout());
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private void send(Message message) {
        lastActivityMillis = scheduler().clock().monotonicMillis();
        out.send(message);
    }

    private void violation(CloseReason reason) {
        out.misbehaved(SCORE_PROTOCOL_VIOLATION, reason);
        disconnect(reason);
    }

    private void closeNow(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        cancelTimers();
        state = State.CLOSED;
        out.close(reason);
    }

    private void cancelTimers() {
        handshakeTimer.cancel();
        context.keepaliveTimers().cancel(this);
    }
}
