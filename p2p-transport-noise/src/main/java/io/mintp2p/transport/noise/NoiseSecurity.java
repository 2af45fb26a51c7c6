package io.mintp2p.transport.noise;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.ChannelSecurity;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.SocketChannel;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Noise XX under the framing: a {@link NoiseHandshakeHandler} first (the dialler is the initiator), replaced by a
 * {@link NoiseRecordHandler} once it succeeds. The node's static key is used for every connection, except dials
 * with {@link NoiseOptions#freshKeyPerOutbound()}, which each get a new one. A dial to
 * {@code noise://host:port#<key>} accepts only that static key. Shared by all channels of the transport; immutable
 * apart from the random source; its methods run on the channel's event loop.
 */
final class NoiseSecurity implements ChannelSecurity {
    private final NoiseKeys keys;
    private final NoiseOptions options;
    private final SecureRandom random;

    NoiseSecurity(NoiseKeys keys, NoiseOptions options, SecureRandom random) {
        this.keys = keys;
        this.options = options;
        this.random = random;
    }

    @Override
    public ChannelHandler newHandler(SocketChannel channel, Direction direction, Optional<TransportAddress> dialled) {
        if (direction == Direction.INBOUND) {
            return new NoiseHandshakeHandler(NoiseHandshake.responder(keys.pair()), options.handshakeTimeout());
        }
        NoiseKeyPair local = options.freshKeyPerOutbound() ? NoiseKeyPair.generate(random) : keys.pair();
        return new NoiseHandshakeHandler(NoiseHandshake.initiator(local), options.handshakeTimeout());
    }

    /**
     * The remote's static key, checked against the dial's pin; reported as the peer's identity only where pinned
     * (see {@link NoiseTransport}: an unpinned key is not an identity, and the peer manager would pin it on first
     * use).
     */
    @Override
    public Optional<PeerIdentity> identify(SocketChannel channel, Optional<TransportAddress> dialled) {
        NoiseHandshakeHandler handshake = channel.pipeline().get(NoiseHandshakeHandler.class);
        if (handshake == null || handshake.remoteStatic() == null) {
            throw ChannelSecurity.refuse("no Noise static key from the peer");
        }
        PeerIdentity actual = NoiseKeys.identityOf(handshake.remoteStatic());
        Optional<PeerIdentity> pinned = dialled.flatMap(TransportAddress::pinnedIdentity);
        if (pinned.isEmpty()) {
            return Optional.empty();
        }
        if (!pinned.get().equals(actual)) {
            throw ChannelSecurity.refuse("expected Noise key " + pinned.get() + ", got " + actual);
        }
        return pinned;
    }

    @Override
    public CloseReason failureReason(Throwable cause) {
        if (cause instanceof NoiseFailure failure) {
            return failure.reason();
        }
        return CloseReason.of(DisconnectReason.NOISE_FAILED, describeFailure(cause));
    }
}
