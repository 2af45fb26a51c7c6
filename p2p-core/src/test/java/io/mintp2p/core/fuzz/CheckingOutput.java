package io.mintp2p.core.fuzz;

import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.session.SessionOutput;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.Message;
import java.time.Duration;

/** The session's output, handed to the checker. The only file to touch when {@link SessionOutput} changes. */
final class CheckingOutput implements SessionOutput {
    private final SessionChecker checker;

    CheckingOutput(SessionChecker checker) {
        this.checker = checker;
    }

    @Override
    public void send(Message message) {
        checker.sent(message);
    }

    @Override
    public void close(CloseReason reason) {
        checker.closed();
    }

    @Override
    public void handshakeCompleted(RemoteHello remote) {
        checker.handshakeCompleted();
    }

    @Override
    public void received(Message message) {
        checker.received(message);
    }

    @Override
    public void misbehaved(int score, CloseReason reason) {
        checker.misbehaved(score);
    }

    @Override
    public void pingRoundTrip(Duration rtt) {
        checker.pingRoundTrip(rtt);
    }
}
