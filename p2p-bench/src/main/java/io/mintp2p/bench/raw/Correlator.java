package io.mintp2p.bench.raw;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline requester's side of a correlated request/response, as a Netty user writes it at its
 * best: a request id in the payload (at {@link #ID_OFFSET}, little endian, where the node's correlated
 * request puts its id), a map of pending futures, and each answer completing its future on the event
 * loop.
 */
@ChannelHandler.Sharable
public final class Correlator extends ChannelInboundHandlerAdapter {
    /** After the message index byte, as the node's wire has it. */
    public static final int ID_OFFSET = 1;
    private final ConcurrentHashMap<Integer, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();

    /** Registers a request: its id is written into {@code payload}; the future completes with the answer. */
    public CompletableFuture<Void> register(byte[] payload) {
        int id = nextId.incrementAndGet();
        payload[ID_OFFSET] = (byte) id;
        payload[ID_OFFSET + 1] = (byte) (id >>> 8);
        payload[ID_OFFSET + 2] = (byte) (id >>> 16);
        payload[ID_OFFSET + 3] = (byte) (id >>> 24);
        CompletableFuture<Void> answer = new CompletableFuture<>();
        pending.put(id, answer);
        return answer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            CompletableFuture<Void> answer = pending.remove(in.getIntLE(in.readerIndex() + ID_OFFSET));
            if (answer != null) {
                answer.complete(null);
            }
        } finally {
            in.release();
        }
    }
}
