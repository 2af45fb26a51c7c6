package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.SocketChannel;
import java.util.Optional;

/**
 * A security layer under the framing, such as TLS or Noise. The connection opens only after the layer's
 * handshake completed and {@link #identify} accepted the remote. The layer's handler reports the end of
 * its handshake with Netty's {@code SslHandshakeCompletionEvent} (an {@code SslHandler} does so itself;
 * another layer fires {@code SUCCESS}, or an event carrying the failure, which {@link #failureReason}
 * turns into the close reason).
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

    /** Event loop: the typed close reason of a failed handshake; TLS_FAILED unless the layer knows better. */
    default CloseReason failureReason(Throwable cause) {
        return CloseReason.of(DisconnectReason.TLS_FAILED, describeFailure(cause));
    }

    static TransportException refuse(String reason) {
        return new TransportException(CloseReason.of(DisconnectReason.IDENTITY_MISMATCH, reason));
    }
}
