package io.mintp2p.bench;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.TcpOptions;
import io.mintp2p.transport.tcp.TcpTransport;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The same exchange through mintp2p's {@link TcpTransport} and its {@link Connection} API. */
final class MintTcpLink implements Link {
    private final TcpTransport server = new TcpTransport(TcpOptions.defaults());
    private final TcpTransport client = new TcpTransport(TcpOptions.defaults());
    private final Listener listener;
    private final Connection connection;

    MintTcpLink(Behaviour behaviour) throws Exception {
        listener = server.listen(TransportAddress.of("tcp", "127.0.0.1", 0), handler((c, frame) -> {
            behaviour.onServerFrame().run();
            if (behaviour.echo()) {
                c.send(frame);
            } else {
                frame.release();
            }
        })).get(10, TimeUnit.SECONDS);
        connection = client.dial(listener.localAddress(), handler((c, frame) -> {
            behaviour.onClientFrame().run();
            frame.release();
        })).get(10, TimeUnit.SECONDS);
    }

    private static ConnectionHandler handler(java.util.function.BiConsumer<Connection, ByteBuf> onFrame) {
        return new ConnectionHandler() {
            @Override
            public void onOpen(Connection c) {
            }

            @Override
            public void onFrame(Connection c, ByteBuf payload) {
                onFrame.accept(c, payload);
            }

            @Override
            public void onClosed(Connection c, CloseReason reason) {
            }
        };
    }

    @Override
    public CompletableFuture<Void> send(ByteBuf payload) {
        return connection.send(payload);
    }

    @Override
    public void close() {
        connection.close(io.mintp2p.core.transport.CloseReason.of(io.mintp2p.core.transport.DisconnectReason.MANUAL, "bench done"));
        listener.close();
        client.close();
        server.close();
    }
}
