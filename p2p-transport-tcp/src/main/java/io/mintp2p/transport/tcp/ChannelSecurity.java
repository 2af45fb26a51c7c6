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
    /**
     * The handler placed first in a new channel's pipeline (an {@code SslHandler} for TLS). Event loop, while the
     * channel is initialised; must not block.
     *
     * @param channel   the new channel
     * @param direction whether we dialled or accepted it
     * @param dialled   the address dialled (with its pinned identity, if any); empty for an accepted channel
     * @return a fresh handler for this channel only
     */
    ChannelHandler newHandler(SocketChannel channel, Direction direction, Optional<TransportAddress> dialled);

    /**
     * After a successful handshake: the remote's identity, or a {@link TransportException} to refuse it. Event
     * loop; must not block.
     *
     * @param channel the channel whose handshake completed
     * @param dialled the address dialled, whose pin (if any) the remote must match; empty for an accepted channel
     * @return the identity the handshake proved; empty if the layer reports none
     * @throws TransportException to refuse the remote (see {@link #refuse})
     */
    Optional<PeerIdentity> identify(SocketChannel channel, Optional<TransportAddress> dialled);

    /**
     * Turns a failed handshake's cause into a readable reason. Event loop.
     *
     * @param cause what failed the handshake
     * @return the root cause's message
     */
    default String describeFailure(Throwable cause) {
        return RootCause.message(cause);
    }

    /**
     * Event loop: the typed close reason of a failed handshake; TLS_FAILED unless the layer knows better.
     *
     * @param cause what failed the handshake
     * @return the reason the connection is closed with
     */
    default CloseReason failureReason(Throwable cause) {
        return CloseReason.of(DisconnectReason.TLS_FAILED, describeFailure(cause));
    }

    /**
     * The exception {@link #identify} throws to refuse a remote whose identity is missing or not the pinned one.
     *
     * @param reason what was expected and what was found, for the log
     * @return a {@link TransportException} closing with {@code IDENTITY_MISMATCH}
     */
    static TransportException refuse(String reason) {
        return new TransportException(CloseReason.of(DisconnectReason.IDENTITY_MISMATCH, reason));
    }
}
