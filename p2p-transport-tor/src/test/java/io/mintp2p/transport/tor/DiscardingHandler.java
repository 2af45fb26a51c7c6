package io.mintp2p.transport.tor;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;

/** A connection handler for transport-level tests that only open and close connections: frames are dropped. */
final class DiscardingHandler implements ConnectionHandler {
    static final ConnectionHandler INSTANCE = new DiscardingHandler();

    private DiscardingHandler() {
    }

    @Override
    public void onOpen(Connection connection) {
    }

    @Override
    public void onFrame(Connection connection, ByteBuf payload) {
        payload.release();
    }

    @Override
    public void onClosed(Connection connection, CloseReason reason) {
    }
}
