package io.mintp2p.core.node;

import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.wire.Message;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/** A link without a node: its budget, route and handler queue for one test; anything the node would do fails. */
final class BareLink {
    private BareLink() {
    }

    static Link of(Connection connection, int maxMessages, long maxBytes, LongAdder pauses, Executor pool) {
        ReadBudget budget = new ReadBudget(new ReadLimits(maxMessages, maxBytes, pauses));
        return new Link(new NoNode(pool, budget), connection, connection == null ? null : connection.remote(),
                Optional.empty());
    }

    private record NoNode(Executor handlerPool, ReadBudget readBudget) implements LinkOwner {
        @Override public io.mintp2p.core.session.SessionDriver sessions() { throw new AssertionError("no node"); }
        @Override public void send(Link link, Message message) { throw new AssertionError("no node"); }
        @Override public void close(Link link, CloseReason reason) { throw new AssertionError("no node"); }
        @Override public void handshakeCompleted(Link link, RemoteHello remote) { throw new AssertionError("no node"); }
        @Override public void received(Link link, Message message) { throw new AssertionError("no node"); }
        @Override public void misbehaved(Link link, int score, CloseReason reason) { throw new AssertionError("no node"); }
        @Override public void pingRoundTrip(Link link, Duration rtt) { throw new AssertionError("no node"); }
    }
}
