package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.proxy.ProxyConnectionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.Optional;

/**
 * When a connection opens: on channel activation for plain TCP, once a proxy in front reports the
 * target connected, or, with a security layer in front, once its handshake succeeded and the
 * remote's identity was accepted. One per listener or dial, shared by its channels (a field per
 * connection instead of three). Immutable; its methods run on the channel's event loop.
 */
final class ConnectionOpening {
    private final Optional<ChannelSecurity> security;
    private final boolean proxied;
    private final Optional<TransportAddress> dialled;

    ConnectionOpening(Optional<ChannelSecurity> security, boolean proxied, Optional<TransportAddress> dialled) {
        this.security = security;
        this.proxied = proxied;
        this.dialled = dialled;
    }

    /** Event loop: the socket is connected; the connection opens now unless a proxy or security layer is still at work. */
    void channelActive(FrameHandler frames) {
        if (security.isEmpty() && !proxied) {
            frames.opened();
        }
    }

    /** Event loop: a pipeline event; the proxy's or the security layer's success opens the connection, a failure closes it. */
    void userEvent(SocketChannel channel, Object evt, FrameHandler frames, NettyConnection connection) {
        if (evt instanceof ProxyConnectionEvent && security.isEmpty()) {
            frames.opened();
        }
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                connection.fail(security.get().failureReason(done.cause()));
                return;
            }
            try {
                Optional<PeerIdentity> identity = security.get().identify(channel, dialled);
                connection.setIdentity(identity);
                frames.opened();
            } catch (TransportException refusedIdentity) {
                connection.fail(refusedIdentity.reason());
            }
        }
    }
}
