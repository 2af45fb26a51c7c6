package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.FastPathConnection;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.SendException;
import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} over one Netty channel. The first recorded close reason wins. Sends fail fast
 * with a typed {@link SendFailure} rather than queueing past {@link TcpOptions#maxQueuedBytes()};
 * reading pauses through the read gate of its {@link FrameHandler}.
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
    private final String scheme;
    private final SocketChannel channel;
    private final ConnectionHandler handler;
    private final TcpOptions options;
    /** The dial's future: present exactly for outbound connections, so it also tells the direction. */
    private final CompletableFuture<Connection> dialResult;
    private final Optional<TransportAddress> proxiedTarget;
    private final OpenConnections openConnections;
    /** This connection's place in its transport's {@link OpenConnections} (guarded by that object's lock). */
    NettyConnection previousOpen;
    NettyConnection nextOpen;
    /** The first recorded close reason (set once, by compare-and-set). */
    private volatile CloseReason closeReason;
    /** Event loop only. */
    private boolean opened;
    /** Event loop only. */
    private boolean closedNotified;
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

    /** An outbound connection is one with a {@code dialResult}, which an inbound one never has. */
    NettyConnection(long id, String scheme, SocketChannel channel, ConnectionHandler handler,
                    TcpOptions options, CompletableFuture<Connection> dialResult,
                    Optional<TransportAddress> proxiedTarget, OpenConnections openConnections) {
        this.id = id;
        this.scheme = scheme;
        this.channel = channel;
        this.handler = handler;
        this.options = options;
        this.dialResult = dialResult;
        this.proxiedTarget = proxiedTarget.map(t -> TransportAddress.of(scheme, t.host(), t.port()));
        this.openConnections = openConnections;
        this.outbox = new Outbox(channel, this);
    }

    @Override
    public Throwable sendFailure(Throwable cause) {
        CloseReason r = closeReason;
        return new SendException(SendFailure.CLOSED, "send to " + remote + " failed: "
                + (r != null ? r.message() : FrameHandler.rootMessage(cause)));
    }

    @Override
    public void drained() {
        releaseWritableWaiters();
    }

    void setIdentity(Optional<PeerIdentity> identity) {
        this.identity = identity;
    }

    /** The pipeline handler this connection steers (set once, before the channel is active). */
    void steerWith(FrameHandler frames) {
        this.frames = frames;
    }

    /** Accepted channels know their remote from the start, so admission can look at it. */
    void learnAddresses() {
        if (proxiedTarget.isPresent()) {
            remote = proxiedTarget.get();
        } else if (channel.remoteAddress() != null) {
            remote = address(channel.remoteAddress());
        }
    }

    /** The transport is ready (TCP connected, the proxy connected, or TLS handshaken and the remote accepted). */
    void opened() {
        if (opened) {
            return;
        }
        opened = true;
        learnAddresses();
        handler.onOpen(this);
        if (dialResult != null) {
            dialResult.complete(this);
        }
    }

    private TransportAddress address(InetSocketAddress a) {
        return TransportAddress.of(scheme, a.getAddress().getHostAddress(), a.getPort());
    }

    void frameReceived(ByteBuf payload) {
        if (!opened) {
            payload.release();
            return;
        }
        handler.onFrame(this, payload);
    }

    /** Event loop: the frames of one read were handed over. */
    void readComplete() {
        if (opened) {
            handler.onReadComplete(this);
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

    void channelClosed() {
        if (closedNotified) {
            return;
        }
        closedNotified = true;
        outbox.resume(); // frames held back for writability: their writes now fail and release them
        releaseWritableWaiters(); // the channel is inactive now: everyone waiting is let go
        openConnections.remove(this);
        CloseReason recorded = closeReason;
        CloseReason reason = recorded != null ? recorded : CloseReason.of(DisconnectReason.PEER_CLOSED);
        if (opened) {
            handler.onClosed(this, reason);
        } else if (dialResult != null) {
            dialResult.completeExceptionally(new TransportException(reason));
        }
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
        return local == null ? null : address(local);
    }

    @Override
    public Direction direction() {
        return dialResult != null ? Direction.OUTBOUND : Direction.INBOUND;
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
        int size = payload.readableBytes();
        SendFailure refused = size > options.maxFramePayload() ? SendFailure.TOO_LARGE
                : !channel.isActive() || closeReason != null ? SendFailure.CLOSED
                // Full: one frame of any size is taken while under the limit, nothing once at it.
                : isFull() ? SendFailure.QUEUE_FULL
                : null;
        if (refused != null) {
            payload.release();
        }
        return refused;
    }

    private String refusal(SendFailure failure, int size) {
        return switch (failure) {
            case TOO_LARGE -> "frame of " + size + " bytes exceeds the maximum of " + options.maxFramePayload();
            case CLOSED -> "connection to " + remote;
            case QUEUE_FULL -> remote + " does not read: " + queuedBytes() + " bytes queued";
        };
    }

    /**
     * Whether what waits (in the outbox and in the channel) is at {@code maxQueuedBytes}. A writable
     * channel holds at most about its high-water mark (the outbox stops handing it frames above it),
     * so while the outbox alone is far from the limit the channel's counter, written by the event loop
     * on every write, is not read at all.
     */
    private boolean isFull() {
        long queued = outbox.queuedBytes();
        if (channelWritable && queued + options.writeHighWaterMark() < options.maxQueuedBytes()) {
            return false;
        }
        return queued + channelPendingBytes() >= options.maxQueuedBytes();
    }

    private long queuedBytes() {
        return outbox.queuedBytes() + channelPendingBytes();
    }

    private long channelPendingBytes() {
        ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
        return queue == null ? 0 : queue.totalPendingWriteBytes();
    }

    @Override
    public boolean isWritable() {
        return channelWritable && outbox.queuedBytes() < outboxLimitWhileWritable();
    }

    /**
     * What the outbox may hold for {@link #isWritable()} to say yes: half the room between the
     * channel's high-water mark and {@code maxQueuedBytes}. A writable channel holds at most about its
     * high-water mark, so application messages never fill the queue to its limit: the other half stays
     * for the control messages the node owes, and a send the node let through is never refused here
     * after it was encoded (an application streaming at full speed would spin on encode-and-refuse).
     */
    private long outboxLimitWhileWritable() {
        return Math.max(1, (options.maxQueuedBytes() - options.writeHighWaterMark()) / 2);
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
        onLoop(() -> frames.pause(FrameHandler.ReadPause.NODE_BACKPRESSURE));
    }

    @Override
    public void resumeReading() {
        onLoop(() -> frames.resume(FrameHandler.ReadPause.NODE_BACKPRESSURE));
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
            channel.eventLoop().execute(this::closeAfterQueuedWrites);
        } catch (RejectedExecutionException shutDown) {
            channel.close();
        }
    }

    /** Event loop: writes what was queued, then closes once it is out, or after {@code closeFlushTimeout}. */
    private void closeAfterQueuedWrites() {
        io.netty.channel.ChannelFuture pending = outbox.drainAll();
        if (!channel.isActive() || pending == null || pending.isDone()) {
            channel.close();
            return;
        }
        pending.addListener(f -> channel.close());
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, options.closeFlushTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
        return scheme + "#" + id + " " + direction() + " " + remote;
    }
}
