package io.mintp2p.core.fuzz;

import io.mintp2p.core.session.PeerSession;
import io.mintp2p.core.session.PeerSession.State;
import io.mintp2p.core.session.PeerSessionDriver;
import io.mintp2p.core.session.SessionSettings;
import io.mintp2p.core.time.Clock;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The rules one {@link PeerSession} must keep whatever the peer sends and however time moves: nothing
 * sent before start or after close, one close, one handshake, at most one ping outstanding, every ping
 * answered with its nonce once established, and the handshake and ping deadlines enforced.
 */
final class SessionChecker {
    private final SessionSettings settings;
    private final Clock clock;
    private PeerSessionDriver session;
    private final List<Message> sent = new ArrayList<>();
    private boolean closeCalled;
    private boolean handshakeDone;
    private long startedAt = -1;
    private long lastActivity;
    private OptionalLong outstandingPing = OptionalLong.empty();
    private long pingSentAt;

    SessionChecker(SessionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    void watch(PeerSessionDriver session) {
        this.session = session;
    }

    // --- what the driver does ----------------------------------------------------------------------

    void starting() {
        startedAt = clock.monotonicMillis();
        lastActivity = startedAt;
    }

    /** Delivers one message from the peer and checks the immediate reaction. */
    void deliver(Message m) {
        State before = session.state();
        boolean pongMatches = before == State.ESTABLISHED && m instanceof PingResponse p
                && outstandingPing.equals(OptionalLong.of(p.nonce()));
        int sentBefore = sent.size();
        lastActivity = clock.monotonicMillis();
        session.onMessage(m);
        if (before == State.ESTABLISHED && m instanceof PingRequest ping) {
            require(sent.size() == sentBefore + 1 && sent.get(sentBefore).equals(new PingResponse(ping.nonce())),
                    "ping " + ping + " answered with " + sent.subList(sentBefore, sent.size()));
        }
        if (pongMatches) {
            require(outstandingPing.isEmpty(), "the matching " + m + " did not end the outstanding ping");
        }
        if (before == State.NEW || before == State.CLOSED) {
            require(session.state() == before, "a message moved a " + before + " session to " + session.state());
        }
    }

    void transportClosed() {
        session.onTransportClosed();
        require(session.state() == State.CLOSED, "still " + session.state() + " after the transport closed");
        outstandingPing = OptionalLong.empty();
    }

    void disconnected() {
        require(session.state() == State.CLOSED, "still " + session.state() + " after disconnect");
        outstandingPing = OptionalLong.empty();
    }

    /** After time moved: the deadlines that passed must have been acted on. */
    void timePassed() {
        long now = clock.monotonicMillis();
        State state = session.state();
        if (state == State.AWAITING_HELLO || state == State.AWAITING_HELLO_ACK) {
            require(now < startedAt + settings.handshakeTimeout().toMillis(), "handshake still open after its timeout");
        }
        if (state == State.ESTABLISHED) {
            if (outstandingPing.isPresent()) {
                require(now < pingSentAt + settings.pingTimeout().toMillis(), "unanswered ping did not close the session");
            } else {
                require(now < lastActivity + settings.pingPeriod().toMillis(), "idle for the ping period without a ping");
            }
        }
    }

    // --- what the session does ---------------------------------------------------------------------

    void sent(Message m) {
        State state = session.state();
        require(state != State.NEW && state != State.CLOSED && !closeCalled, "sent " + m + " while " + state);
        if (m instanceof PingRequest ping) {
            require(outstandingPing.isEmpty(), "second ping " + ping + " while one is outstanding");
            outstandingPing = OptionalLong.of(ping.nonce());
            pingSentAt = clock.monotonicMillis();
        }
        sent.add(m);
        lastActivity = clock.monotonicMillis();
    }

    void closed() {
        require(!closeCalled, "closed twice");
        require(session.state() == State.CLOSED, "close asked while " + session.state());
        closeCalled = true;
        outstandingPing = OptionalLong.empty();
    }

    void handshakeCompleted() {
        require(!handshakeDone, "handshake completed twice");
        require(session.state() == State.ESTABLISHED, "handshake completed while " + session.state());
        handshakeDone = true;
    }

    void received(Message m) {
        require(session.state() == State.ESTABLISHED, "passed on " + m + " while " + session.state());
        require(m instanceof AppMessage || m instanceof AnnounceAddrRequest || m instanceof AddrListRequest
                || m instanceof AddrListResponse, "passed on " + m + ", which the session handles itself");
    }

    void misbehaved(int score) {
        require(score == PeerSession.SCORE_PROTOCOL_VIOLATION || score == PeerSession.SCORE_UNEXPECTED_MESSAGE,
                "misbehaviour score " + score);
    }

    void pingRoundTrip(Duration rtt) {
        require(outstandingPing.isPresent() && !rtt.isNegative(), "round trip " + rtt + " without a ping outstanding");
        outstandingPing = OptionalLong.empty();
    }

    OptionalLong outstandingPing() {
        return outstandingPing;
    }

    private void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what + " (" + session.state() + " at " + clock.monotonicMillis() + ", sent " + sent + ")");
        }
    }
}
