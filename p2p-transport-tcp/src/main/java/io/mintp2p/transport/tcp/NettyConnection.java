package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.SendException;
import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Connection} over one Netty channel. The first recorded close reason wins. Sends fail fast
 * with a typed {@link SendFailure} rather than queueing past {@link TcpOptions#maxQueuedBytes()};
 * reading pauses through the channel's {@link ReadGate}.
 */
final class NettyConnection implements Connection {
    private final long id;
    private final String scheme;
    private final SocketChannel channel;
    private final Direction direction;
    private final ConnectionHandler handler;
    private final TcpOptions options;
    private final CompletableFuture<Connection> dialResult;
    private final Optional<TransportAddress> proxiedTarget;
    private final Runnable onGone;
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    private final AtomicBoolean opened = new AtomicBoolean();
    private final AtomicBoolean closedNotified = new AtomicBoolean();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private volatile Optional<PeerIdentity> identity = Optional.empty();
    private volatile TransportAddress remote;
    private volatile TransportAddress local;
    private final Outbox outbox;
    private final WritableWaiters writableWaiters = new WritableWaiters();
    private ReadGate gate;
    private FrameDecoder decoder;

    NettyConnection(long id, String scheme, SocketChannel channel, Direction direction, ConnectionHandler handler,
                    TcpOptions options, CompletableFuture<Connection> dialResult,
                    Optional<TransportAddress> proxiedTarget, Runnable onGone) {
        this.id = id;
        this.scheme = scheme;
        this.channel = channel;
        this.direction = direction;
        this.handler = handler;
        this.options = options;
        this.dialResult = dialResult;
        this.proxiedTarget = proxiedTarget.map(t -> TransportAddress.of(scheme, t.host(), t.port()));
        this.onGone = onGone;
        this.outbox = new Outbox(channel, cause -> {
            CloseReason r = closeReason.get();
            return new SendException(SendFailure.CLOSED, "send to " + remote + " failed: "
                    + (r != null ? r.message() : FrameDispatcher.rootMessage(cause)));
        }, this::releaseWritableWaiters);
    }

    void setIdentity(Optional<PeerIdentity> identity) {
        this.identity = identity;
    }

    /** The pipeline pieces this connection steers (set once, before the channel is active). */
    void attach(ReadGate gate, FrameDecoder decoder) {
        this.gate = gate;
        this.decoder = decoder;
    }

    /** Accepted channels know both ends from the start, so admission can look at the remote. */
    void learnAddresses() {
        if (proxiedTarget.isPresent()) {
            remote = proxiedTarget.get();
        } else if (channel.remoteAddress() != null) {
            remote = address(channel.remoteAddress());
        }
        if (channel.localAddress() != null) {
            local = address(channel.localAddress());
        }
    }

    /** The transport is ready (TCP connected, the proxy connected, or TLS handshaken and the remote accepted). */
    void opened() {
        if (!opened.compareAndSet(false, true)) {
            return;
        }
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
        if (!opened.get()) {
            payload.release();
            return;
        }
        handler.onFrame(this, payload);
    }

    void countIn(long bytes) {
        bytesIn.add(bytes);
    }

    /** Something went wrong at the transport level: record why, then close. */
    void fail(CloseReason reason) {
        closeReason.compareAndSet(null, reason);
        channel.close();
    }

    void channelClosed() {
        if (!closedNotified.compareAndSet(false, true)) {
            return;
        }
        writableWaiters.releaseAll();
        onGone.run();
        CloseReason reason = closeReason.get() != null ? closeReason.get() : CloseReason.of(DisconnectReason.PEER_CLOSED);
        if (opened.get()) {
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

    @Override
    public TransportAddress local() {
        return local;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public Optional<PeerIdentity> identity() {
        return identity;
    }

    @Override
    public Executor executor() {
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

    /** Null if the payload may be queued (and is counted as sent); else why not, the payload released. */
    private SendFailure admit(ByteBuf payload) {
        int size = payload.readableBytes();
        SendFailure refused = size > options.maxFramePayload() ? SendFailure.TOO_LARGE
                : !channel.isActive() || closeReason.get() != null ? SendFailure.CLOSED
                // Full: one frame of any size is taken while under the limit, nothing once at it.
                : queuedBytes() >= options.maxQueuedBytes() ? SendFailure.QUEUE_FULL
                : null;
        if (refused != null) {
            payload.release();
        } else {
            bytesOut.add(Frames.HEADER_BYTES + size);
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

    private long queuedBytes() {
        ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
        return outbox.queuedBytes() + (queue == null ? 0 : queue.totalPendingWriteBytes());
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable() && outbox.queuedBytes() < channel.config().getWriteBufferHighWaterMark();
    }

    @Override
    public CompletableFuture<Void> whenWritable() {
        if (isWritable() || !isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = writableWaiters.add();
        // Checked again on the loop: the queue may have drained between isWritable() and add().
        onLoop(this::releaseWritableWaiters);
        return f;
    }

    /** Event loop: after a drain, a writability change, or the close. */
    void releaseWritableWaiters() {
        if (!writableWaiters.isEmpty() && (isWritable() || !isOpen())) {
            writableWaiters.releaseAll();
        }
    }

    @Override
    public void handshakeCompleted() {
        onLoop(() -> decoder.handshakeCompleted());
    }

    @Override
    public void pauseReading() {
        onLoop(() -> gate.pause(ReadGate.Why.NODE_BACKPRESSURE));
    }

    @Override
    public void resumeReading() {
        onLoop(() -> gate.resume(ReadGate.Why.NODE_BACKPRESSURE));
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
        closeReason.compareAndSet(null, reason);
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
        return channel.isActive() && closeReason.get() == null;
    }

    @Override
    public long bytesIn() {
        return bytesIn.sum();
    }

    @Override
    public long bytesOut() {
        return bytesOut.sum();
    }

    @Override
    public String toString() {
        return scheme + "#" + id + " " + direction + " " + remote;
    }
}
