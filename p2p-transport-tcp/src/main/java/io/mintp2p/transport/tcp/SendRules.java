package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.transport.TransportAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * What a connection accepts for sending: the frame limit, and a bound on what waits (in its
 * {@link Outbox} and in its channel) so that a peer that does not read costs at most
 * {@link TcpOptions#maxQueuedBytes()}; and when it counts as writable. One per transport, shared by
 * its connections; immutable. Any thread; nothing blocks, nothing is allocated unless a send is refused.
 */
final class SendRules {
    private final TcpOptions options;
    /**
     * What the outbox may hold for a connection to count as writable: half the room between the
     * channel's high-water mark and {@code maxQueuedBytes}. A writable channel holds at most about its
     * high-water mark, so application messages never fill the queue to its limit: the other half stays
     * for the control messages the node owes, and a send the node let through is never refused here
     * after it was encoded (an application streaming at full speed would spin on encode-and-refuse).
     */
    private final long outboxLimitWhileWritable;

    SendRules(TcpOptions options) {
        this.options = options;
        this.outboxLimitWhileWritable = Math.max(1, (options.maxQueuedBytes() - options.writeHighWaterMark()) / 2);
    }

    TcpOptions options() {
        return options;
    }

    /**
     * Null if a payload of {@code size} bytes may be queued now; else why not. Full: one frame of any
     * size is taken while under the limit, nothing once at it.
     */
    SendFailure refusal(int size, boolean closed, long outboxQueued, boolean channelWritable, Channel channel) {
        return size > options.maxFramePayload() ? SendFailure.TOO_LARGE
                : closed ? SendFailure.CLOSED
                : isFull(outboxQueued, channelWritable, channel) ? SendFailure.QUEUE_FULL
                : null;
    }

    /**
     * Whether what waits is at {@code maxQueuedBytes}. A writable channel holds at most about its
     * high-water mark (the outbox stops handing it frames above it), so while the outbox alone is far
     * from the limit the channel's counter, written by the event loop on every write, is not read at all.
     */
    private boolean isFull(long outboxQueued, boolean channelWritable, Channel channel) {
        if (channelWritable && outboxQueued + options.writeHighWaterMark() < options.maxQueuedBytes()) {
            return false;
        }
        return outboxQueued + channelPendingBytes(channel) >= options.maxQueuedBytes();
    }

    /** Whether senders may go on: the channel below its high-water mark and the outbox below its share. */
    boolean isWritable(boolean channelWritable, long outboxQueued) {
        return channelWritable && outboxQueued < outboxLimitWhileWritable;
    }

    /** The message of a refused send's {@code SendException}. */
    String describe(SendFailure failure, int size, TransportAddress remote, long outboxQueued, Channel channel) {
        return switch (failure) {
            case TOO_LARGE -> "frame of " + size + " bytes exceeds the maximum of " + options.maxFramePayload();
            case CLOSED -> "connection to " + remote;
            case QUEUE_FULL -> remote + " does not read: " + (outboxQueued + channelPendingBytes(channel)) + " bytes queued";
        };
    }

    private static long channelPendingBytes(Channel channel) {
        ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
        return queue == null ? 0 : queue.totalPendingWriteBytes();
    }
}
