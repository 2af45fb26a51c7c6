package io.mintp2p.bench;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/** A client-server connection under test: the client sends frames, the server counts or echoes them. */
interface Link extends AutoCloseable {
    /** Client to server; the future completes when the frame was written. Takes ownership of the buffer. */
    CompletableFuture<Void> send(ByteBuf payload);

    @Override
    void close();

    /** How the server treats each frame and where echoed frames go on the client. */
    record Behaviour(boolean echo, Runnable onServerFrame, Runnable onClientFrame) {
    }
}
