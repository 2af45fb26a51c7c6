package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.FastPathConnection;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.SendException;
import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link Connection}, with its fast paths, over one Netty channel: what the node sees of it, and
 * the events of its life passed on to the node's handler. The first recorded close reason wins.
 * Sends go to its {@link Outbox} and fail fast with a typed {@link SendFailure} by the transport's
 * {@link SendRules}; reading pauses through the read gate of its {@link FrameHandler}.
 *
 * <p>Threads: the {@link Connection} methods may be called from any thread and none blocks; the
 * package-private event methods are called by the pipeline, on the channel's event loop.
 */
final class NettyConnection implements FastPathConnection, Outbox.Owner {
    private static final VarHandle CLOSE_REASON;
    private static final VarHandle WRITABLE_WAITERS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSE_REASON = lookup.findVarHandle(NettyConnection.class, "closeReason", CloseReason.class);
            WRITABLE_WAITERS = lookup.findVarHandle(NettyConnection.class, "writableWaiters", WritableWaiters.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Plain fields and one VarHandle rather than atomics and LongAdders: this object lives as long as
    // the peer, and every extra object here is paid per idle peer (BENCHMARKS.md, memory.idle_peer).
    private final long id;
    private final SocketChannel channel;
    private final ConnectionSetup setup;
    /** This connection's place in its transport's {@link OpenConnections} (guarded by that object's lock). */
    NettyConnection previousOpen;
    NettyConnection nextOpen;
    /** The first recorded close reason (set once, by compare-and-set). */
    private volatile CloseReason closeReason;
    /** Written by the event loop only (it reads and writes the frames), read by anyone. */
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile Optional<PeerIdentity> identity = Optional.empty();
    private volatile TransportAddress remote;
    private final Outbox outbox;
    /** Made by the first sender that waits: an idle peer pays a null field (see {@link #waiters()}). */
    private volatile WritableWaiters writableWaiters;
    /**
     * The channel's writability as of its last change, kept here for senders on other threads: the
     * channel's own flag sits on the cache line of its pending-bytes counter, which the event loop
     * updates on every write, so reading it per message made the line travel between the sending and
     * the writing core on every message (BENCHMARKS.md). Written by the event loop on each change.
     */
    private volatile boolean channelWritable = true;
    private FrameHandler frames;
    /** The handler's object for this connection ({@link #attach(Object)}): saves it a map lookup per frame. */
    private volatile Object attachment;

    NettyConnection(long id, SocketChannel channel, ConnectionSetup setup) {
        this.id = id;
        this.channel = channel;
        this.setup = setup;
        this.outbox = new Outbox(channel, this);
    }

    @Override
    public Throwable sendFailure(Throwable cause) {
        CloseReason r = closeReason;
        return new SendException(SendFailure.CLOSED, "send to " + remote + " failed: "
                + (r != null ? r.message() : RootCause.message(cause)));
    }

    @Override
    public void drained() {
        releaseWritableWaiters();
    }

    void setIdentity(Optional<PeerIdentity> identity) {
        this.identity = identity;
    }

    /** The pipeline handler this connection steers (set once, before the channel is active). */
    void readThrough(FrameHandler frames) {
        this.frames = frames;
    }

    /** Accepted channels know their remote from the start, so admission can look at it. */
    void learnAddresses() {
        TransportAddress known = setup.remote(channel.remoteAddress());
        if (known != null) {
            remote = known;
        }
    }

    /** Netty reads in runs and says when a run is over ({@code channelReadComplete}). */
    @Override
    public boolean signalsReadComplete() {
        return true;
    }

    /** Event loop: a frame was read. */
    void countIn(long bytes) {
        bytesIn += bytes;
    }

    /** Event loop: a frame was written. */
    void countOut(long bytes) {
        bytesOut += bytes;
    }

    /** Something went wrong at the transport level: record why, then close. */
    void fail(CloseReason reason) {
        recordCloseReason(reason);
        channel.close();
    }

    private void recordCloseReason(CloseReason reason) {
        CLOSE_REASON.compareAndSet(this, null, reason);
    }

    /**
     * Event loop: the channel is inactive. Frames held back for writability now fail and release
     * their payloads, everyone waiting for room is let go, and the transport forgets the connection.
     * Answers why it closed: the first recorded reason, else the peer's close.
     */
    CloseReason channelClosed() {
        outbox.resume();
        releaseWritableWaiters();
        setup.openConnections.remove(this);
        CloseReason recorded = closeReason;
        return recorded != null ? recorded : CloseReason.of(DisconnectReason.PEER_CLOSED);
    }

    /** What this connection shares with the others of its listener or dial. */
    ConnectionSetup setup() {
        return setup;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public TransportAddress remote() {
        return remote;
    }

    /** Asked of the channel, not kept: nobody needs it per message, and a kept one costs every peer. */
    @Override
    public TransportAddress local() {
        InetSocketAddress local = channel.localAddress();
        return local == null ? null : setup.address(local);
    }

    @Override
    public Direction direction() {
        return setup.dialResult != null ? Direction.OUTBOUND : Direction.INBOUND;
    }

    @Override
    public Optional<PeerIdentity> identity() {
        return identity;
    }

    @Override
    public void attach(Object handlerState) {
        attachment = handlerState;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    /** The event loop the channel is registered on (for {@link OpenConnections}' count per loop). */
    EventLoop loop() {
        return channel.eventLoop();
    }

    @Override
    public CompletableFuture<Void> send(ByteBuf payload) {
        SendFailure refused = admit(payload);
        if (refused != null) {
            return CompletableFuture.failedFuture(new SendException(refused, refusal(refused, payload.readableBytes())));
        }
        return outbox.add(payload);
    }

    @Override
    public Optional<SendFailure> enqueue(ByteBuf payload) {
        SendFailure refused = admit(payload);
        if (refused != null) {
            return Optional.of(refused);
        }
        outbox.addQuietly(payload);
        return Optional.empty();
    }

    /** Null if the payload may be queued; else why not, the payload released. */
    private SendFailure admit(ByteBuf payload) {
        SendFailure refused = setup.rules.refusal(payload.readableBytes(), !channel.isActive() || closeReason != null,
                outbox.queuedBytes(), channelWritable, channel);
        if (refused != null) {
            payload.release();
        }
        return refused;
    }

    private String refusal(SendFailure failure, int size) {
        return setup.rules.describe(failure, size, remote, outbox.queuedBytes(), channel);
    }

    @Override
    public boolean isWritable() {
        return setup.rules.isWritable(channelWritable, outbox.queuedBytes());
    }

    @Override
    public CompletableFuture<Void> whenWritable() {
        if (isWritable() || !isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = waiters().add();
        // Checked again on the loop: the queue may have drained between isWritable() and add().
        onLoop(this::releaseWritableWaiters);
        return f;
    }

    private WritableWaiters waiters() {
        WritableWaiters waiting = writableWaiters;
        if (waiting == null) {
            WRITABLE_WAITERS.compareAndSet(this, null, new WritableWaiters());
            waiting = writableWaiters;
        }
        return waiting;
    }

    /** Event loop: the channel's writability changed. */
    void writabilityChanged() {
        channelWritable = channel.isWritable();
        outbox.resume();
        releaseWritableWaiters();
    }

    /** Event loop: after a drain, a writability change, or the close. */
    void releaseWritableWaiters() {
        WritableWaiters waiting = writableWaiters;
        if (waiting != null && !waiting.isEmpty() && (isWritable() || !isOpen())) {
            waiting.releaseAll();
        }
    }

    @Override
    public void handshakeCompleted() {
        onLoop(() -> frames.handshakeCompleted());
    }

    @Override
    public void pauseReading() {
        onLoop(() -> frames.pause(ReadPause.NODE_BACKPRESSURE));
    }

    @Override
    public void resumeReading() {
        onLoop(() -> frames.resume(ReadPause.NODE_BACKPRESSURE));
    }

    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /** Flushes what was accepted, then closes; a peer that does not read gets {@code closeFlushTimeout}. */
    @Override
    public void close(CloseReason reason) {
        recordCloseReason(reason);
        try {
            // On the event loop, after the sends queued before this call (a WillDisconnect, most often).
            channel.eventLoop().execute(() -> outbox.closeWhenWritten(setup.rules.options().closeFlushTimeout()));
        } catch (RejectedExecutionException shutDown) {
            channel.close();
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isActive() && closeReason == null;
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public String toString() {
        return setup.scheme + "#" + id + " " + direction() + " " + remote;
    }
}
