package io.mintp2p.core.session;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.ProtocolVersion;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.WillDisconnect;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The protocol of one connection as a state machine without I/O, threads or clocks: the
 * Hello/HelloAck handshake (WIRE.md 9 and A.3), the keepalive (DESIGN.md "Connection maintenance", WIRE.md
 * A.4) and WillDisconnect. Time is an input: every call that needs it takes the monotonic clock in
 * nanoseconds ({@code nowNanos}) and, in the handshake, the wall clock in Unix seconds. What it does
 * goes to the {@link SessionOutput} passed to that call, before the call returns. After any call,
 * {@link #pollTimeout()} says when {@link #handleTimeout} is next due.
 *
 * <p>Not thread-safe and never blocking: whoever drives it ({@link PeerSessionDriver} in a node)
 * calls it from one thread at a time. It keeps only what differs between sessions, since a node keeps
 * one per peer (BENCHMARKS.md, "Where an idle peer's memory goes").
 */
public final class PeerSession {
    /** Ban score of a broken handshake rule (WIRE.md A.8). */
    public static final int SCORE_PROTOCOL_VIOLATION = 100;
    /** Ban score of a handshake message after the handshake (WIRE.md A.8). */
    public static final int SCORE_UNEXPECTED_MESSAGE = 20;

    /** Where the session stands; each state is left only forwards. */
    public enum State { NEW, AWAITING_HELLO, AWAITING_HELLO_ACK, ESTABLISHED, CLOSED }

    private final SessionShared shared;
    private final Direction direction;
    /** Only Hello and HelloAck carry it: dropped once the handshake is over, as every idle peer would keep it. */
    private Optional<PeerAddress> remoteAddress;

    private State state = State.NEW;
    private long handshakeNonce;
    private long initTimeSeconds;
    /**
     * The version the peer's Hello or HelloAck announced until the handshake completes, the common
     * version from then on; 0 before either (0 is no version). One field: each matters in one phase.
     */
    private int version;
    /**
     * Monotonic millis when {@link #handleTimeout} is next due: the handshake deadline, then the next
     * keepalive check, which traffic does not move (it only moves {@code lastActivityMillis}; the
     * check looks at it and sets the next one). {@link Long#MAX_VALUE}: none.
     */
    private long deadlineMillis = Long.MAX_VALUE;
    private long lastActivityMillis;
    private boolean pingOutstanding;
    private long pingNonce;
    private long pingSentNanos;

    /** A session of a connection made in {@code direction}; {@code remoteAddress} is what our Hello or HelloAck tells the peer. */
    public PeerSession(SessionShared shared, Direction direction, Optional<PeerAddress> remoteAddress) {
        this.shared = Objects.requireNonNull(shared);
        this.direction = Objects.requireNonNull(direction);
        this.remoteAddress = Objects.requireNonNull(remoteAddress);
    }

    public State state() {
        return state;
    }

    /** An inbound session that has not had the peer's Hello yet. */
    public boolean awaitsHello() {
        return state == State.AWAITING_HELLO;
    }

    public boolean isEstablished() {
        return state == State.ESTABLISHED;
    }

    /** The version agreed on while established, 0 before and after. */
    public int commonVersion() {
        return state == State.ESTABLISHED ? version : 0;
    }

    /** True when the connection was our own dial reaching ourselves (outbound side). */
    public boolean wasSelfConnection() {
        return direction == Direction.OUTBOUND && shared.selfGuard().wasSelf(handshakeNonce);
    }

    /**
     * The monotonic millisecond (as {@code Clock.monotonicMillis()}) at which {@link #handleTimeout}
     * is next due, {@link Long#MAX_VALUE} when nothing is. Calling it earlier does nothing.
     */
    public long pollTimeout() {
        return deadlineMillis;
    }

    /** The connection is open: the handshake clock starts; a dialer says Hello (drawing its nonce now). */
    public void start(long nowNanos, long unixSeconds, SessionOutput out) {
        if (state != State.NEW) {
            throw new IllegalStateException("session already started");
        }
        long now = millis(nowNanos);
        initTimeSeconds = unixSeconds;
        lastActivityMillis = now;
        if (direction == Direction.OUTBOUND) {
            handshakeNonce = shared.random().nextLong();
            shared.selfGuard().register(handshakeNonce);
            state = State.AWAITING_HELLO_ACK;
            SessionSettings us = shared.settings();
            out.send(new Hello(us.protocolVersion(), us.network(), us.services(), us.userAgent(), us.softwareVersion(),
                    remoteAddress, initTimeSeconds, handshakeNonce));
        } else {
            state = State.AWAITING_HELLO;
        }
        deadlineMillis = now + shared.settings().handshakeTimeout().toMillis();
    }

    /** A decoded message from the peer; messages after the close are ignored. */
    public void handle(long nowNanos, long unixSeconds, Message message, SessionOutput out) {
        lastActivityMillis = millis(nowNanos);
        switch (state) {
            case AWAITING_HELLO -> onAwaitingHello(nowNanos, unixSeconds, message, out);
            case AWAITING_HELLO_ACK -> onAwaitingHelloAck(nowNanos, unixSeconds, message, out);
            case ESTABLISHED -> onEstablished(nowNanos, message, out);
            default -> { }
        }
    }

    /** Messages came that the driver delivered without this session: the connection is not idle. */
    public void noteTraffic(long nowNanos) {
        lastActivityMillis = millis(nowNanos);
    }

    /**
     * Time has come to {@code nowNanos}: a handshake not finished by its deadline fails (scored), an
     * established connection idle for the ping period is pinged, and one whose ping went unanswered
     * for the ping timeout is disconnected. Nothing happens before {@link #pollTimeout()}.
     */
    public void handleTimeout(long nowNanos, SessionOutput out) {
        long now = millis(nowNanos);
        if (now < deadlineMillis) {
            return;
        }
        switch (state) {
            case AWAITING_HELLO, AWAITING_HELLO_ACK -> {
                CloseReason timeout = CloseReason.of(DisconnectReason.HANDSHAKE_TIMEOUT);
                out.misbehaved(SCORE_PROTOCOL_VIOLATION, timeout);
                closeNow(timeout, out);
            }
            case ESTABLISHED -> keepalive(nowNanos, now, out);
            default -> deadlineMillis = Long.MAX_VALUE;
        }
    }

    /**
     * The transport is gone (whoever closed it): no deadline any more. True when this was a dial whose
     * nonce the driver is to hand back to the guard ({@link #releaseDialNonce()}) once the node has
     * asked {@link #wasSelfConnection()}; false when the session had closed already.
     */
    public boolean transportClosed() {
        if (state == State.CLOSED) {
            return false;
        }
        state = State.CLOSED;
        deadlineMillis = Long.MAX_VALUE;
        return direction == Direction.OUTBOUND;
    }

    /** Takes a closed dial's nonce out of the self-connection guard. Any thread: the guard is thread-safe. */
    public void releaseDialNonce() {
        shared.selfGuard().release(handshakeNonce);
    }

    /** Our decision to end the connection: WillDisconnect first when the peer's version has it, then close. */
    public void disconnect(CloseReason reason, SessionOutput out) {
        if (state == State.CLOSED) {
            return;
        }
        if (state != State.NEW && ProtocolVersion.supportsWillDisconnect(version)) {
            out.send(new WillDisconnect(reason.message()));
        }
        closeNow(reason, out);
    }

    /** Sends a post-handshake message (application or address exchange); throws unless established. */
    public void sendEstablished(long nowNanos, Message message, SessionOutput out) {
        if (state != State.ESTABLISHED) {
            throw new IllegalStateException("session is " + state + ", not established");
        }
        lastActivityMillis = millis(nowNanos);
        out.send(message);
    }

    // --- handshake -------------------------------------------------------------------------------------

    private void onAwaitingHello(long nowNanos, long unixSeconds, Message message, SessionOutput out) {
        if (!(message instanceof Hello hello)) {
            violation(CloseReason.of(DisconnectReason.PROTOCOL_VIOLATION, "Hello expected, got " + message.typeName()), out);
            return;
        }
        version = hello.protocolVersion();
        Optional<CloseReason> incompatibility = HelloCheck.refusal(shared.settings(), hello.protocolVersion(),
                hello.network(), hello.currentTime(), initTimeSeconds, unixSeconds);
        if (incompatibility.isPresent()) {
            disconnect(incompatibility.get(), out);
            return;
        }
        if (shared.selfGuard().isOwnDial(hello.handshakeNonce())) {
            disconnect(CloseReason.of(DisconnectReason.SELF_CONNECTION), out);
            return;
        }
        SessionSettings us = shared.settings();
        out.send(new HelloAck(us.protocolVersion(), us.network(), us.services(), us.userAgent(), us.softwareVersion(),
                remoteAddress, unixSeconds));
        establish(nowNanos, hello.protocolVersion(), hello.services(), hello.userAgent(), hello.softwareVersion(),
                hello.receiverAddress(), out);
    }

    private void onAwaitingHelloAck(long nowNanos, long unixSeconds, Message message, SessionOutput out) {
        if (message instanceof WillDisconnect bye) {
            closeNow(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, bye.reason()), out);
            return;
        }
        if (!(message instanceof HelloAck ack)) {
            violation(CloseReason.of(DisconnectReason.PROTOCOL_VIOLATION, "HelloAck expected, got " + message.typeName()), out);
            return;
        }
        version = ack.protocolVersion();
        Optional<CloseReason> incompatibility = HelloCheck.refusal(shared.settings(), ack.protocolVersion(),
                ack.network(), ack.currentTime(), initTimeSeconds, unixSeconds);
        if (incompatibility.isPresent()) {
            disconnect(incompatibility.get(), out);
            return;
        }
        establish(nowNanos, ack.protocolVersion(), ack.services(), ack.userAgent(), ack.softwareVersion(),
                ack.receiverAddress(), out);
    }

    private void establish(long nowNanos, int theirVersion, long services, String userAgent, SemVer softwareVersion,
                           Optional<PeerAddress> receiverAddress, SessionOutput out) {
        remoteAddress = Optional.empty();
        version = ProtocolVersion.negotiate(shared.settings().protocolVersion(), theirVersion).orElseThrow();
        state = State.ESTABLISHED;
        deadlineMillis = millis(nowNanos) + shared.settings().pingPeriod().toMillis();
        // Interned: peers running one software send equal user agents, and each peer keeps its own.
        out.handshakeCompleted(new RemoteHello(theirVersion, version, services, userAgent.intern(),
                softwareVersion, receiverAddress));
    }

    // --- established -----------------------------------------------------------------------------------

    private void onEstablished(long nowNanos, Message message, SessionOutput out) {
        if (message instanceof PingRequest ping) {
            out.send(new PingResponse(ping.nonce()));
        } else if (message instanceof PingResponse pong) {
            onPingResponse(nowNanos, pong, out);
        } else if (message instanceof WillDisconnect bye) {
            closeNow(CloseReason.of(DisconnectReason.PEER_WILL_DISCONNECT, bye.reason()), out);
        } else if (message instanceof Hello || message instanceof HelloAck) {
            out.misbehaved(SCORE_UNEXPECTED_MESSAGE,
                    CloseReason.of(DisconnectReason.UNEXPECTED_MESSAGE, message.typeName() + " after the handshake"));
        } else {
            out.received(message);
        }
    }

    /** An unsolicited pong, or one with another nonce, is ignored: the ping stays outstanding. */
    private void onPingResponse(long nowNanos, PingResponse pong, SessionOutput out) {
        if (!pingOutstanding || pong.nonce() != pingNonce) {
            return;
        }
        pingOutstanding = false;
        out.pingRoundTrip(Duration.ofNanos(nowNanos - pingSentNanos));
        deadlineMillis = millis(nowNanos) + shared.settings().pingPeriod().toMillis();
    }

    /** The keepalive check at its deadline: the ping's answer is overdue, or the connection idle, or neither yet. */
    private void keepalive(long nowNanos, long now, SessionOutput out) {
        SessionSettings us = shared.settings();
        if (pingOutstanding) {
            long dueAt = pingSentNanos / 1_000_000L + us.pingTimeout().toMillis();
            if (now >= dueAt) {
                disconnect(CloseReason.of(DisconnectReason.PING_TIMEOUT), out);
            } else {
                deadlineMillis = dueAt;
            }
            return;
        }
        long idleUntil = lastActivityMillis + us.pingPeriod().toMillis();
        if (now < idleUntil) {
            deadlineMillis = idleUntil;
            return;
        }
        pingNonce = shared.random().nextLong();
        pingOutstanding = true;
        pingSentNanos = nowNanos;
        lastActivityMillis = now;
        out.send(new PingRequest(pingNonce));
        deadlineMillis = now + us.pingTimeout().toMillis();
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static long millis(long nanos) {
        return nanos / 1_000_000L;
    }

    private void violation(CloseReason reason, SessionOutput out) {
        out.misbehaved(SCORE_PROTOCOL_VIOLATION, reason);
        disconnect(reason, out);
    }

    private void closeNow(CloseReason reason, SessionOutput out) {
        if (state == State.CLOSED) {
            return;
        }
        deadlineMillis = Long.MAX_VALUE;
        state = State.CLOSED;
        out.close(reason);
    }
}
