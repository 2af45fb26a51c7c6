package io.mintp2p.bench.raw;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A raw-Netty server with {@code n} client connections to it over loopback, one event-loop thread
 * for the server side and one for the client side, optionally under a security layer (mutual TLS, Noise). The scenarios put
 * their own last handler on each side; the framing decoder sits before it.
 */
public final class RawLink implements AutoCloseable {
    private final EventLoopGroup serverGroup = RawNetty.oneThread("raw-server");
    private final EventLoopGroup clientGroup = RawNetty.oneThread("raw-client");
    private final Channel server;
    private final List<Channel> clients = new ArrayList<>();

    /**
     * Connects {@code n} clients and, with a security layer, waits (blocking the caller) until each
     * client finished its handshake.
     */
    public RawLink(int n, Optional<? extends RawSecurity> security, Supplier<ChannelHandler> serverHandler,
                   Supplier<ChannelHandler> clientHandler) throws Exception {
        server = RawNetty.listen(serverGroup, ch -> {
            security.ifPresent(s -> s.server(ch));
            ch.pipeline().addLast(RawNetty.frameDecoder(), serverHandler.get());
        });
        Bootstrap b = RawNetty.dialer(clientGroup, ch -> {
            security.ifPresent(s -> s.client(ch));
            ch.pipeline().addLast(RawNetty.frameDecoder(), clientHandler.get());
        });
        for (int i = 0; i < n; i++) {
            Channel ch = b.connect(server.localAddress()).sync().channel();
            if (security.isPresent()) {
                try {
                    security.get().handshake(ch).get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("baseline handshake failed or did not complete", e);
                }
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
