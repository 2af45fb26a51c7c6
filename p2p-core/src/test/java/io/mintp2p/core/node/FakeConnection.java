package io.mintp2p.core.node;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A connection without a transport for the node parts' tests: it records what it is asked, runs its executor's tasks at once. */
final class FakeConnection implements Connection {
    private static long nextId = 1;

    final long id = nextId++;
    final TransportAddress remote;
    final Direction direction;
    final List<String> calls = new ArrayList<>();
    boolean open = true;
    /** What the next send answers: null queues the frame, else it is refused at once with this. */
    io.mintp2p.core.transport.SendFailure refuseWith;
    boolean writable = true;

    FakeConnection(String ip, Direction direction) {
        this.remote = TransportAddress.of("tcp", ip, 13031);
        this.direction = direction;
    }

    /** A link of this connection whose handlers run on {@code pool}. */
    Link link(Executor pool) {
        Link link = BareLink.of(this, 100, 1 << 20, new java.util.concurrent.atomic.LongAdder(), pool);
        return link;
    }

    @Override public long id() { return id; }
    @Override public TransportAddress remote() { return remote; }
    @Override public TransportAddress local() { return TransportAddress.of("tcp", "127.0.0.1", 13031); }
    @Override public Direction direction() { return direction; }
    @Override public Optional<PeerIdentity> identity() { return Optional.empty(); }
    @Override public Executor executor() { return Runnable::run; }
    @Override public CompletableFuture<Void> send(ByteBuf payload) {
        payload.release();
        if (refuseWith != null) {
            return CompletableFuture.failedFuture(new io.mintp2p.core.transport.SendException(refuseWith, "refused"));
        }
        calls.add("send");
        return CompletableFuture.completedFuture(null);
    }
    @Override public boolean isWritable() { return writable; }
    @Override public void close(CloseReason reason) { open = false; calls.add("close " + reason.code()); }
    @Override public boolean isOpen() { return open; }
    @Override public void handshakeCompleted() { calls.add("handshakeCompleted"); }
    @Override public void pauseReading() { calls.add("pause"); }
    @Override public void resumeReading() { calls.add("resume"); }
    @Override public long bytesIn() { return 0; }
    @Override public long bytesOut() { return 0; }
}
