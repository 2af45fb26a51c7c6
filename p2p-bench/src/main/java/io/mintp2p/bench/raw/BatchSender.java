package io.mintp2p.bench.raw;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.function.Supplier;

/**
 * The baseline sender at its best: runs on the channels' own event loop (no hand-off per message),
 * writes frames while every channel is writable, flushes once per 64 KiB batch and when it must
 * stop, and resumes when the channel that filled up drains ({@code channelWritabilityChanged}).
 * With several channels (broadcast) each message is encoded once and every channel gets a retained
 * duplicate, as the node's broadcast does. All channels must share one event loop.
 */
@ChannelHandler.Sharable
public final class BatchSender extends ChannelInboundHandlerAdapter {
    private static final int FLUSH_BYTES = 64 * 1024;
    private List<Channel> channels = List.of();
    private Supplier<ByteBuf> frames;
    private long remaining;

    /** Sends {@code count} frames from {@code frames} to each of {@code channels}, from their event loop. */
    public void start(List<Channel> targets, Supplier<ByteBuf> source, long count) {
        Channel first = targets.get(0);
        first.eventLoop().execute(() -> {
            channels = List.copyOf(targets);
            frames = source;
            remaining = count;
            pump();
        });
    }

    private boolean allWritable() {
        for (Channel c : channels) {
            if (!c.isWritable()) {
                return false;
            }
        }
        return true;
    }

    private void pump() {
        int batch = 0;
        while (remaining > 0 && allWritable()) {
            ByteBuf frame = frames.get();
            batch += frame.readableBytes();
            int n = channels.size();
            for (int i = 0; i < n; i++) {
                Channel c = channels.get(i);
                c.write(i + 1 < n ? frame.retainedDuplicate() : frame, c.voidPromise());
            }
            remaining--;
            if (batch >= FLUSH_BYTES) {
                channels.forEach(Channel::flush);
                batch = 0;
            }
        }
        if (batch > 0) {
            channels.forEach(Channel::flush);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (remaining > 0 && ctx.channel().isWritable()) {
            pump();
        }
        ctx.fireChannelWritabilityChanged();
    }
}
