package io.mintp2p.core.node;

import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.Message;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What a {@link Link} needs of its node: one object per node, so each link keeps one reference for
 * all of it. The session's requests ({@link io.mintp2p.core.session.SessionOutput}) arrive here with
 * the link they are about; called on the node thread, as the session is.
 */
interface LinkOwner {
    /** Where the peers' application handlers run. */
    Executor handlerPool();

    /** The node's read backpressure, shared by its links. */
    ReadBudget readBudget();

    void send(Link link, Message message);

    void close(Link link, CloseReason reason);

    void handshakeCompleted(Link link, RemoteHello remote);

    void received(Link link, Message message);

    void misbehaved(Link link, int score, CloseReason reason);

    void pingRoundTrip(Link link, Duration rtt);
}
