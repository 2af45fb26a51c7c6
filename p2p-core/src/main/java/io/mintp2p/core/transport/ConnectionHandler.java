package io.mintp2p.core.transport;

import io.netty.buffer.ByteBuf;

/** Receives a connection's life: open, frames, close. All calls run on {@link Connection#executor()}. */
public interface ConnectionHandler {
    /** Called once, before any frame; for inbound connections this is the accept. */
    void onOpen(Connection connection);

    /** One whole frame payload (length header removed). The handler owns and must release it. */
    void onFrame(Connection connection, ByteBuf payload);

    /** Called exactly once when the connection is gone, whoever closed it. */
    void onClosed(Connection connection, CloseReason reason);
}
