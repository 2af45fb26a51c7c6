package io.mintp2p.bench.raw;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A raw-Netty server with {@code n} client connections to it over loopback, one event-loop thread
 * for the server side and one for the client side, optionally under mutual TLS. The scenarios put
 * their own last handler on each side; the framing decoder sits before it.
 */
public final class RawLink implements AutoCloseable {
    private final EventLoopGroup serverGroup = RawNetty.oneThread("raw-server");
    private final EventLoopGroup clientGroup = RawNetty.oneThread("raw-client");
    private final Channel server;
    private final List<Channel> clients = new ArrayList<>();

    public RawLink(int n, Optional<RawTls> tls, Supplier<ChannelHandler> serverHandler,
                   Supplier<ChannelHandler> clientHandler) throws Exception {
        server = RawNetty.listen(serverGroup, ch -> {
            tls.ifPresent(t -> ch.pipeline().addLast(t.server.newHandler(ch.alloc())));
            ch.pipeline().addLast(RawNetty.frameDecoder(), serverHandler.get());
        });
        Bootstrap b = RawNetty.dialer(clientGroup, ch -> {
            tls.ifPresent(t -> ch.pipeline().addLast(t.client.newHandler(ch.alloc())));
            ch.pipeline().addLast(RawNetty.frameDecoder(), clientHandler.get());
        });
        for (int i = 0; i < n; i++) {
            Channel ch = b.connect(server.localAddress()).sync().channel();
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl != null && !ssl.handshakeFuture().await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("baseline TLS handshake did not complete");
            }
            if (ssl != null && !ssl.handshakeFuture().isSuccess()) {
                throw new IllegalStateException("baseline TLS handshake failed", ssl.handshakeFuture().cause());
            }
            clients.add(ch);
        }
    }

    public List<Channel> clients() {
        return clients;
    }

    public Channel client() {
        return clients.get(0);
    }

    public InetSocketAddress serverAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        clients.forEach(c -> c.close().syncUninterruptibly());
        server.close().syncUninterruptibly();
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
