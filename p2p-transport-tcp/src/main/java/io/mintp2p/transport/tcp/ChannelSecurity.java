package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.SocketChannel;
import java.util.Optional;

/**
 * A security layer under the framing, such as TLS. The connection opens only after the layer's
 * handshake completed and {@link #identify} accepted the remote.
 */
public interface ChannelSecurity {
    /** The handler placed first in a new channel's pipeline (an {@code SslHandler} for TLS). */
    ChannelHandler newHandler(SocketChannel channel, Direction direction, Optional<TransportAddress> dialled);

    /** After a successful handshake: the remote's identity, or a {@link TransportException} to refuse it. */
    Optional<PeerIdentity> identify(SocketChannel channel, Optional<TransportAddress> dialled);

    /** Turns a failed handshake's cause into a readable reason. */
    default String describeFailure(Throwable cause) {
        return RootCause.message(cause);
    }

    static TransportException refuse(String reason) {
        return new TransportException(io.mintp2p.core.transport.CloseReason.of(
                io.mintp2p.core.transport.DisconnectReason.IDENTITY_MISMATCH, reason));
    }
}
