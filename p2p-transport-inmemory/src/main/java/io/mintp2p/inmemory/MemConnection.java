package io.mintp2p.inmemory;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.SendException;
import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.FastPathConnection;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One end of an in-memory connection. Frames are copied (sender and receiver never share a buffer)
 * and delivered to the other end after the link's latency, in order; a close travels the same way,
 * so everything sent before it arrives first. Like every transport it refuses a first frame over
 * the pre-handshake limit, and while reading is paused it holds arriving frames back in order.
 */
final class MemConnection implements FastPathConnection {
    private final long id;
    private final InMemoryNetwork network;
    private final InMemoryTransport owner;
    private final Direction direction;
    private final TransportAddress local;
    private final TransportAddress remote;
    private final Duration latency;
    ConnectionHandler handler;
    MemConnection peer;
    private boolean open = true;
    private long bytesIn;
    private long bytesOut;
    private boolean handshakeCompleted;
    private boolean firstFrameSeen;
    private boolean readingPaused;
    /** A frame over the pre-handshake limit arrived after the first: hold back until the handshake. */
    private boolean awaitingHandshake;
    private final ArrayDeque<ByteBuf> heldBack = new ArrayDeque<>();
    /** The handler's object for this connection: a simulated network delivers millions of frames. */
    private volatile Object attachment;

    MemConnection(long id, InMemoryNetwork network, InMemoryTransport owner, Direction direction,
                  TransportAddress local, TransportAddress remote, Duration latency) {
        this.id = id;
        this.network = network;
        this.owner = owner;
        this.direction = direction;
        this.local = local;
        this.remote = remote;
        this.latency = latency;
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
    public void attach(Object handlerState) {
        attachment = handlerState;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public Optional<PeerIdentity> identity() {
        return Optional.empty();
    }

    @Override
    public Executor executor() {
        return network.scheduler();
    }

    @Override
    public CompletableFuture<Void> send(ByteBuf payload) {
        int size = payload.readableBytes();
        SendFailure refused = offer(payload);
        if (refused == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.failedFuture(new SendException(refused, switch (refused) {
            case TOO_LARGE -> "frame of " + size + " bytes exceeds the maximum of " + WireLimits.MAX_FRAME_PAYLOAD;
            case CLOSED, QUEUE_FULL -> "connection to " + remote;
        }));
    }

    @Override
    public Optional<SendFailure> enqueue(ByteBuf payload) {
        return Optional.ofNullable(offer(payload));
    }

    /** Frames are passed on one at a time: the simulated network has no reads to end. */
    @Override
    public boolean signalsReadComplete() {
        return false;
    }

    /** Null if the frame is on its way, else why not; the payload is released either way. */
    private synchronized SendFailure offer(ByteBuf payload) {
        try {
            if (!open) {
                return SendFailure.CLOSED;
            }
            int size = payload.readableBytes();
            if (size > WireLimits.MAX_FRAME_PAYLOAD) {
                return SendFailure.TOO_LARGE;
            }
            ByteBuf copy = Unpooled.copiedBuffer(payload);
            bytesOut += WireLimits.FRAME_HEADER_BYTES + size;
            MemConnection target = peer;
            network.scheduler().schedule(latency, () -> target.deliver(copy));
            return null;
        } finally {
            payload.release();
        }
    }

    private void deliver(ByteBuf frame) {
        boolean accept;
        boolean tooLarge = false;
        synchronized (this) {
            accept = open;
            if (accept) {
                bytesIn += WireLimits.FRAME_HEADER_BYTES + frame.readableBytes();
                tooLarge = !handshakeCompleted && !firstFrameSeen
                        && frame.readableBytes() > WireLimits.MAX_PRE_HANDSHAKE_FRAME;
                if (!handshakeCompleted && firstFrameSeen && frame.readableBytes() > WireLimits.MAX_PRE_HANDSHAKE_FRAME) {
                    awaitingHandshake = true;
                }
                firstFrameSeen = true;
                if (!tooLarge && (readingPaused || awaitingHandshake || !heldBack.isEmpty())) {
                    heldBack.add(frame);
                    return;
                }
            }
        }
        if (tooLarge) {
            frame.release();
            fail(CloseReason.frameTooLarge(frame.readableBytes(), WireLimits.MAX_PRE_HANDSHAKE_FRAME));
        } else if (accept) {
            handler.onFrame(this, frame);
        } else {
            frame.release();
        }
    }

    private void fail(CloseReason reason) {
        if (markClosed()) {
            MemConnection target = peer;
            network.scheduler().execute(() -> handler.onClosed(this, reason));
            network.scheduler().schedule(latency, () -> target.closedBy(CloseReason.of(DisconnectReason.PEER_CLOSED)));
        }
    }

    @Override
    public void close(CloseReason reason) {
        fail(reason);
    }

    /** Refused at admission: gone at once, the handler never hears of it, the dialer sees a reset. */
    void refuse() {
        if (markClosed()) {
            MemConnection target = peer;
            network.scheduler().schedule(latency, () -> target.closedBy(CloseReason.of(DisconnectReason.PEER_CLOSED)));
        }
    }

    @Override
    public boolean isWritable() {
        return isOpen();
    }

    @Override
    public void handshakeCompleted() {
        synchronized (this) {
            handshakeCompleted = true;
            awaitingHandshake = false;
        }
        network.scheduler().execute(this::deliverHeldBack);
    }

    @Override
    public synchronized void pauseReading() {
        readingPaused = true;
    }

    @Override
    public void resumeReading() {
        synchronized (this) {
            readingPaused = false;
        }
        network.scheduler().execute(this::deliverHeldBack);
    }

    private void deliverHeldBack() {
        while (true) {
            ByteBuf next;
            synchronized (this) {
                if (readingPaused || awaitingHandshake || (next = heldBack.poll()) == null) {
                    return;
                }
                if (!open) {
                    next.release();
                    continue;
                }
            }
            handler.onFrame(this, next);
        }
    }

    /** The other end went away (closed, reset, cut by a partition). */
    void closedBy(CloseReason reason) {
        if (markClosed()) {
            handler.onClosed(this, reason);
        }
    }

    /** Both ends fail at once, as when a link is cut: no frame in flight is delivered afterwards. */
    void cut(CloseReason reasonHere, CloseReason reasonThere) {
        MemConnection other = peer;
        if (markClosed()) {
            network.scheduler().execute(() -> handler.onClosed(this, reasonHere));
        }
        if (other.markClosed()) {
            network.scheduler().execute(() -> other.handler.onClosed(other, reasonThere));
        }
    }

    private synchronized boolean markClosed() {
        if (!open) {
            return false;
        }
        open = false;
        heldBack.forEach(ByteBuf::release);
        heldBack.clear();
        owner.forget(this);
        return true;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized long bytesIn() {
        return bytesIn;
    }

    @Override
    public synchronized long bytesOut() {
        return bytesOut;
    }

    @Override
    public String toString() {
        return "mem#" + id + " " + local + (direction == Direction.OUTBOUND ? " -> " : " <- ") + remote;
    }
}
