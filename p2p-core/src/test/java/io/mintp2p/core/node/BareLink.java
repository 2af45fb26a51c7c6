package io.mintp2p.core.node;

import io.mintp2p.core.transport.Connection;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/** The layers of a {@link Link} without the node: a route, budget, notice and handler queue for one test. */
final class BareLink extends InboundRoute {
    private final Connection connection;
    private final ReadLimits limits;
    private final Executor pool;

    BareLink(Connection connection, int maxMessages, long maxBytes, LongAdder pauses, Executor pool) {
        this.connection = connection;
        this.limits = new ReadLimits(maxMessages, maxBytes, pauses);
        this.pool = pool;
    }

    @Override
    Executor pool() {
        return pool;
    }

    @Override
    Connection connection() {
        return connection;
    }

    @Override
    ReadLimits limits() {
        return limits;
    }

    @Override
    PeerSnapshot snapshot() {
        throw new UnsupportedOperationException("no peer behind a bare link");
    }
}
