package io.mintp2p.transport.noise;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.proxy.ProxyConnectionEvent;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The Noise XX handshake in the pipeline: each message is a u16 little-endian length and the message, of exactly the
 * length an empty payload gives (32, 96, 64 bytes), so a non-Noise stream fails on its first two bytes and a pending
 * handshake never holds more than one message and one read. The dialler writes first. It starts once the socket is
 * connected, or, behind a proxy, once the proxy reports the target connected; the deadline starts with it.
 *
 * <p>On success it fires {@link SslHandshakeCompletionEvent#SUCCESS} (the connection opens once the remote is
 * identified, see {@link NoiseSecurity#identify}), then replaces itself with a {@link NoiseRecordHandler}; bytes
 * that came after message 3 in the same read (the Mintlayer initiator sends its Hello right away) pass to it. On
 * failure (bad length, bad message, timeout, the peer closing) it fires the event with a {@link NoiseFailure}
 * holding the typed reason, then closes. Event loop only.
 */
final class NoiseHandshakeHandler extends ByteToMessageDecoder {
    private static final byte[] EMPTY_PAYLOAD = new byte[0];

    private final NoiseHandshake handshake;
    private final Duration timeout;
    private boolean started;
    /** Succeeded or failed: nothing more to read. */
    private boolean finished;
    private Future<?> deadline;
    private byte[] remoteStatic;

    NoiseHandshakeHandler(NoiseHandshake handshake, Duration timeout) {
        this.handshake = handshake;
        this.timeout = timeout;
    }

    /** The peer's static public key, once the handshake succeeded; null before. */
    byte[] remoteStatic() {
        return remoteStatic;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.pipeline().get(ProxyHandler.class) == null) {
            start(ctx);
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ProxyConnectionEvent) {
            start(ctx);
        }
        super.userEventTriggered(ctx, evt);
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        deadline = ctx.executor().schedule(() -> fail(ctx, CloseReason.of(DisconnectReason.NOISE_TIMEOUT)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (handshake.isMyTurn()) {
            writeNext(ctx);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (finished) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (started && !handshake.isComplete() && !handshake.isMyTurn()) {
            if (in.readableBytes() < NoiseFrames.LENGTH_BYTES) {
                return;
            }
            int length = in.getUnsignedShortLE(in.readerIndex());
            int expected = handshake.nextMessageLength();
            if (length != expected) {
                fail(ctx, CloseReason.of(DisconnectReason.NOISE_FAILED,
                        "handshake message of " + length + " bytes, expected " + expected));
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() < NoiseFrames.LENGTH_BYTES + length) {
                return;
            }
            in.skipBytes(NoiseFrames.LENGTH_BYTES);
            byte[] message = new byte[length];
            in.readBytes(message);
            try {
                handshake.readMessage(message);
            } catch (NoiseException e) {
                fail(ctx, CloseReason.of(DisconnectReason.NOISE_FAILED, e.getMessage()));
                in.skipBytes(in.readableBytes());
                return;
            }
            if (handshake.isMyTurn()) {
                writeNext(ctx);
            }
        }
        if (handshake.isComplete() && !finished) {
            succeed(ctx);
        }
    }

    private void writeNext(ChannelHandlerContext ctx) {
        byte[] message = handshake.writeMessage(EMPTY_PAYLOAD);
        ByteBuf framed = ctx.alloc().buffer(NoiseFrames.LENGTH_BYTES + message.length)
                .writeShortLE(message.length).writeBytes(message);
        ctx.writeAndFlush(framed, ctx.voidPromise());
        if (handshake.isComplete()) {
            succeed(ctx);
        }
    }

    /**
     * The connection opens first (the event), then this handler leaves: removing a decoder hands what it still
     * holds, the bytes after message 3, to the record handler that takes its place.
     */
    private void succeed(ChannelHandlerContext ctx) {
        if (finished) {
            return;
        }
        finished = true;
        cancelDeadline();
        remoteStatic = handshake.remoteStatic();
        NoiseSession session = handshake.split();
        ctx.fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
        if (!ctx.isRemoved()) {
            ctx.pipeline().replace(this, ctx.name(), new NoiseRecordHandler(session));
        }
    }

    private void fail(ChannelHandlerContext ctx, CloseReason reason) {
        if (finished) {
            return;
        }
        finished = true;
        cancelDeadline();
        ctx.fireUserEventTriggered(new SslHandshakeCompletionEvent(new NoiseFailure(reason)));
        ctx.close();
    }

    /** A peer that closes mid-handshake failed it: the dial reports a Noise failure, not a plain close. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, CloseReason.of(DisconnectReason.NOISE_FAILED, "connection closed during the handshake"));
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
