package io.mintp2p.core.session;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.Message;
import java.time.Duration;

/**
 * Everything a {@link PeerSession} asks of the world, passed to each call that may ask it and called
 * before that call returns, on the thread that drives the session (in a node: the connection's
 * transport thread during the handshake, the node thread after). An implementation may call the
 * session's driver again from here (a verdict that refuses the peer disconnects it at once).
 */
public interface SessionOutput {
    void send(Message message);

    /** Close the transport connection; a WillDisconnect, if due, was already sent through {@link #send}. */
    void close(CloseReason reason);

    void handshakeCompleted(RemoteHello remote);

    /** A post-handshake message the session does not handle itself (address exchange, application). */
    void received(Message message);

    /** The peer broke a rule; {@code score} as WIRE.md A.8. */
    void misbehaved(int score, CloseReason reason);

    void pingRoundTrip(Duration rtt);
}
