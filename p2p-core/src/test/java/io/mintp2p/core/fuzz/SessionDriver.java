package io.mintp2p.core.fuzz;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.session.PeerSession.State;
import io.mintp2p.core.session.PeerSessionDriver;
import io.mintp2p.core.session.SelfConnectionGuard;
import io.mintp2p.core.session.SessionContext;
import io.mintp2p.core.session.SessionSettings;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.ProtocolVersion;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Plays the peer and the clock against one {@link PeerSessionDriver}, step by step as {@link Choices} say.
 * The first choice sets the direction and our protocol version; then each step is one action, by
 * number (FUZZING.md lists them; seeds depend on the numbering, so append new actions at the end).
 */
final class SessionDriver {
    static final int ACTIONS = 13;
    private static final int MAX_STEPS = 200;
    private static final MessageCodec CODEC = TestMessages.codec();

    private final Choices c;
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final SessionChecker checker;
    private final PeerSessionDriver session;
    private final Direction direction;

    SessionDriver(Choices choices) {
        this.c = choices;
        int setup = c.pick(4);
        direction = (setup & 1) == 0 ? Direction.INBOUND : Direction.OUTBOUND;
        SessionSettings defaults = SessionSettings.from(P2pConfig.builder().build(), TestMessages.TEXT.service().bits());
        SessionSettings settings = new SessionSettings(defaults.network(),
                (setup & 2) == 0 ? ProtocolVersion.V3 : ProtocolVersion.V2, defaults.services(), defaults.userAgent(),
                defaults.softwareVersion(), defaults.handshakeTimeout(), defaults.maxClockDiff(), defaults.pingPeriod(),
                defaults.pingTimeout());
        SelfConnectionGuard guard = new SelfConnectionGuard();
        guard.register(MessageGenerator.OWN_DIAL_NONCE);
        checker = new SessionChecker(settings, time);
        SessionContext context = new SessionContext(settings, time, new SplittableRandom(c.anyLong()), guard,
                new TimerHeap(time));
        session = new PeerSessionDriver(context, direction,
                Optional.of(PeerAddress.ipv4(new byte[] {10, 0, 0, 1}, 23031)), new CheckingOutput(checker));
        checker.watch(session);
    }

    void run() {
        for (int step = 0; step < MAX_STEPS && !c.exhausted(); step++) {
            act(c.pick(ACTIONS));
        }
        advance(Duration.ofDays(1));
    }

    private void act(int action) {
        switch (action) {
            case 0 -> start();
            case 1 -> advance(Duration.ofMillis(c.pick(1000)));
            case 2 -> advance(Duration.ofSeconds(c.pick(200)));
            case 3 -> advance(Duration.ofMillis(Integer.toUnsignedLong(c.anyInt())));
            case 4 -> checker.deliver(generator().any());
            case 5 -> checker.deliver(direction == Direction.INBOUND ? generator().hello() : generator().helloAck());
            case 6 -> CodecChecks.decodeArbitrary(CODEC, c.bytes(c.pick(256))).ifPresent(checker::deliver);
            case 7 -> checker.deliver(new PingResponse(checker.outstandingPing().orElseGet(c::anyLong)));
            case 8 -> checker.deliver(new PingRequest(c.anyLong()));
            case 9 -> checker.transportClosed();
            case 10 -> disconnect();
            case 11 -> sendApplicationMessage();
            default -> {
                time.runUntilIdle();
                checker.timePassed();
            }
        }
    }

    private MessageGenerator generator() {
        return new MessageGenerator(c, time.unixSeconds());
    }

    /** The node starts a session once, when its connection opens; a connection already gone is not started. */
    private void start() {
        if (session.state() == State.NEW) {
            checker.starting();
            session.start();
        }
    }

    private void advance(Duration d) {
        time.advance(d);
        checker.timePassed();
    }

    private void disconnect() {
        session.disconnect(CloseReason.of(DisconnectReason.MANUAL, c.text(40)));
        checker.disconnected();
    }

    /** The node sends application messages only on established sessions. */
    private void sendApplicationMessage() {
        if (session.isEstablished()) {
            Message m = TestMessages.TEXT.message(c.text(20));
            session.sendEstablished(m);
        }
    }
}
