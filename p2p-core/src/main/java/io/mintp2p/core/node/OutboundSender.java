package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.FastPathConnection;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.SendException;
import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything the node writes: encodes on the calling thread and hands the bytes to the connection,
 * whose transport takes them to its I/O thread. Application sends go straight from the caller's thread
 * to the connection: the node thread has nothing to decide for a message to an accepted peer (its
 * HelloAck went out before it was accepted, so nothing overtakes it), and a hop through it per message
 * cost more than the rest of the path (BENCHMARKS.md). Control messages come from the node thread, or
 * from a transport thread while it answers an inbound Hello.
 *
 * <p>Refusals are mapped to {@link SendResult}: not a peer, service not offered, queue above its
 * high-water mark, closed, too large; {@code send} futures fail with a {@link SendRefusedException}
 * carrying it. Nothing here blocks.
 */
final class OutboundSender {
    private final LinkTable links;
    private final MessageCodec codec;
    private final StatsCollector stats;
    private final Scheduler scheduler;

    OutboundSender(LinkTable links, MessageCodec codec, StatsCollector stats, Scheduler scheduler) {
        this.links = links;
        this.codec = codec;
        this.stats = stats;
        this.scheduler = scheduler;
    }

    /** A control message the session or the peer manager sends on {@code link}. */
    CompletableFuture<Void> sendOn(Link link, Message message) {
        ByteBuf payload;
        try {
            payload = codec.encode(message, ByteBufAllocator.DEFAULT);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sendEncoded(link, message, payload);
    }

    /** Sends {@code message}, already encoded as {@code payload} (whose ownership passes to the transport). */
    private CompletableFuture<Void> sendEncoded(Link link, Message message, ByteBuf payload) {
        stats.messageOut(message);
        CompletableFuture<Void> sent = link.connection.send(payload);
        if (sent.isCompletedExceptionally()) {
            sendRefused(link, message, sent);
        }
        if (message instanceof AddrListResponse && link.phase == Link.Phase.SERVING) {
            // A full node helped a newcomer: now it lets it go.
            link.disconnect(link.servingReason);
        }
        return sent;
    }

    /**
     * A send the transport refused at once. A full queue means the peer does not read: an application
     * message is simply not sent (the caller's future says why), but a control message we owe the
     * peer (a pong, an address answer) cannot be dropped, so such a peer is let go.
     */
    private void sendRefused(Link link, Message message, CompletableFuture<Void> sent) {
        sent.exceptionally(e -> {
            if (e instanceof SendException refused && refused.failure() == SendFailure.QUEUE_FULL) {
                stats.sendRefused();
                if (!(message instanceof AppMessage<?>)) {
                    scheduler.execute(() -> link.disconnect(CloseReason.of(DisconnectReason.SLOW_READER)));
                }
            }
            return null;
        });
    }

    /**
     * {@link P2pNode#send}: caller's thread. Costs what {@link #trySend} costs plus the transport's
     * future and one stage on it that turns a late loss into the same exception as a refusal.
     */
    <T> CompletableFuture<Void> send(PeerId peer, MessageType<T> type, T message) {
        Link link = links.accepted(peer);
        SendResult refused = refusal(link, type);
        if (refused != null) {
            if (refused == SendResult.SERVICE_NOT_OFFERED) {
                requireRegistered(type);
            }
            return refused(new SendRefusedException(refused, refusalDetail(refused, peer, type)));
        }
        Message m = type.message(message);
        ByteBuf payload;
        try {
            payload = codec.encode(m, ByteBufAllocator.DEFAULT);
        } catch (IllegalArgumentException e) {
            requireRegistered(type);
            return refused(new SendRefusedException(SendResult.TOO_LARGE, e.getMessage()));
        }
        CompletableFuture<Void> sent = sendEncoded(link, m, payload);
        if (sent.isDone()) {
            return sent.isCompletedExceptionally() ? refused(refusedBy(sent)) : sent;
        }
        return sent.handle(OutboundSender::lostIfFailed);
    }

    /** Wrapped as a stage that failed later is ({@link #lostIfFailed}), so callers unwrap one way. */
    private static CompletableFuture<Void> refused(SendRefusedException e) {
        return CompletableFuture.failedFuture(new CompletionException(e));
    }

    /** The refusal a future the transport failed at once carries, as the node's outcome. */
    private static SendRefusedException refusedBy(CompletableFuture<Void> failed) {
        try {
            failed.join();
            throw new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return asRefusal(e.getCause());
        }
    }

    /** Transport thread: a queued message the transport could not write fails like a refusal. */
    private static Void lostIfFailed(Void written, Throwable failure) {
        if (failure != null) {
            throw asRefusal(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
        }
        return null;
    }

    private static SendRefusedException asRefusal(Throwable failure) {
        SendResult outcome = failure instanceof SendException e ? SendResult.of(e.failure()) : SendResult.CLOSED;
        return new SendRefusedException(outcome, String.valueOf(failure.getMessage()));
    }

    private static String refusalDetail(SendResult refused, PeerId peer, MessageType<?> type) {
        return switch (refused) {
            case SERVICE_NOT_OFFERED -> peer + " does not offer the service of " + type.name() + " (bit "
                    + type.service().lowestBit() + ")";
            case QUEUE_FULL -> peer + " does not read fast enough: its queue is above the high-water mark";
            default -> peer + " is not connected";
        };
    }

    /**
     * Why an application message of {@code type} cannot go to {@code link} now, or null if it can: what
     * send and trySend check alike.
     */
    private SendResult refusal(Link link, MessageType<?> type) {
        if (link == null) {
            return SendResult.NOT_CONNECTED;
        }
        if ((link.remote.services() & type.service().bits()) == 0) {
            return SendResult.SERVICE_NOT_OFFERED;
        }
        if (!link.connection.isWritable()) {
            stats.sendRefused();
            return SendResult.QUEUE_FULL;
        }
        return null;
    }

    /** {@link P2pNode#trySend}: caller's thread. */
    <T> SendResult trySend(PeerId peer, MessageType<T> type, T message) {
        Link link = links.accepted(peer);
        SendResult refused = refusal(link, type);
        if (refused == SendResult.SERVICE_NOT_OFFERED) {
            requireRegistered(type);
        }
        if (refused != null) {
            return refused;
        }
        Message m = type.message(message);
        ByteBuf payload;
        try {
            payload = codec.encode(m, ByteBufAllocator.DEFAULT);
        } catch (IllegalArgumentException e) {
            requireRegistered(type);
            return SendResult.TOO_LARGE;
        }
        return enqueue(link, m, payload);
    }

    /**
     * A request or response of a protocol on {@code link}, without a future: refused when the queue is
     * over its high-water mark or the frame too large, as {@link #trySend}. Any thread.
     */
    SendResult trySendOn(Link link, Message m) {
        if (!link.connection.isWritable()) {
            stats.sendRefused();
            return SendResult.QUEUE_FULL;
        }
        ByteBuf payload;
        try {
            payload = codec.encode(m, ByteBufAllocator.DEFAULT);
        } catch (IllegalArgumentException e) {
            return SendResult.TOO_LARGE;
        }
        return enqueue(link, m, payload);
    }

    /** An application message, encoded as {@code payload} (whose ownership passes to the transport), without a future. */
    private SendResult enqueue(Link link, Message m, ByteBuf payload) {
        stats.messageOut(m);
        Optional<SendFailure> refused = FastPathConnection.enqueueOn(link.connection, payload);
        if (refused.isEmpty()) {
            return SendResult.QUEUED;
        }
        SendResult outcome = SendResult.of(refused.get());
        if (outcome == SendResult.QUEUE_FULL) {
            stats.sendRefused();
        }
        return outcome;
    }

    /** A caller's mistake, not a peer's state (sends check it only once they failed, off the hot path). */
    void requireRegistered(MessageType<?> type) {
        if (!codec.registry().contains(type)) {
            throw new IllegalArgumentException("message type " + type + " is not registered with this node");
        }
    }

    /** {@link P2pNode#whenWritable}: caller's thread. */
    CompletableFuture<Void> whenWritable(PeerId peer) {
        Link link = links.accepted(peer);
        return link == null ? CompletableFuture.completedFuture(null) : link.connection.whenWritable();
    }

    /**
     * {@link P2pNode#broadcast}: encoded once on the caller's thread and shared: every peer's queue holds
     * a view of the same bytes, queued without a future each.
     */
    <T> int broadcast(MessageType<T> type, T message, PeerId... exclude) {
        List<PeerId> excluded = Arrays.asList(exclude);
        Message m = type.message(message);
        ByteBuf encoded = codec.encode(m, ByteBufAllocator.DEFAULT);
        long bit = type.service().bits();
        int count = 0;
        try {
            for (Link link : links.acceptedLinks()) {
                if (!excluded.contains(link.id) && (link.remote.services() & bit) != 0
                        && link.connection.isWritable() && enqueue(link, m, encoded.retainedDuplicate()).isQueued()) {
                    count++;
                }
            }
        } finally {
            encoded.release();
        }
        return count;
    }
}
