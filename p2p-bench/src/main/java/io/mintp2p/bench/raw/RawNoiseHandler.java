package io.mintp2p.bench.raw;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline's Noise layer, as Mintlayer frames it, at raw Netty's best: the XX handshake
 * ({@link NoiseXX}), then every frame written between two flushes is packed into as few records as
 * possible (up to 65 519 plaintext bytes each, u16 LE length + ciphertext) and the records go out with
 * one flush; incoming records are decrypted and their plaintext passed on as a byte stream to the frame
 * decoder behind it. Writes made before the handshake finished wait for it. One per channel, on its
 * event loop; never blocks.
 */
final class RawNoiseHandler extends ChannelDuplexHandler {
    /** 65 535 bytes of ciphertext less the tag. */
    static final int MAX_PLAINTEXT = 65_535 - NoiseAead.TAG_BYTES;

    private final boolean initiator;
    private final NoiseXX handshake;
    private final CompletableFuture<Void> handshakeDone = new CompletableFuture<>();
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private final List<ChannelPromise> pendingPromises = new ArrayList<>();
    /** One record's plaintext gathered from the queued frames (the ciphers work on arrays). */
    private final byte[] plain = new byte[MAX_PLAINTEXT];
    /** One record's ciphertext when the read buffer has no array. */
    private final byte[] sealed = new byte[MAX_PLAINTEXT + NoiseAead.TAG_BYTES];
    private long pendingBytes;
    private ByteBuf cumulation;
    private NoiseAead sender;
    private NoiseAead receiver;

    /** One side of one connection: the dialler is the initiator and sends message 1 when the channel is active. */
    RawNoiseHandler(boolean initiator, NoiseAead.Engine engine) {
        this.initiator = initiator;
        this.handshake = new NoiseXX(initiator, engine);
    }

    /** Completes on the event loop when this side finished the handshake; fails if the channel closes first. */
    CompletableFuture<Void> handshakeFuture() {
        return handshakeDone;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (initiator) {
            sendHandshake(ctx);
        }
        super.channelActive(ctx);
    }

    private void sendHandshake(ChannelHandlerContext ctx) {
        byte[] m = handshake.write(new byte[0]);
        ByteBuf out = ctx.alloc().ioBuffer(2 + m.length);
        out.writeShortLE(m.length).writeBytes(m);
        ctx.writeAndFlush(out, ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        cumulation = cumulation == null ? (ByteBuf) msg
                : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, (ByteBuf) msg);
        try {
            while (cumulation.readableBytes() >= 2) {
                int length = cumulation.getUnsignedShortLE(cumulation.readerIndex());
                if (cumulation.readableBytes() < 2 + length) {
                    break;
                }
                cumulation.skipBytes(2);
                if (receiver == null) {
                    handshakeMessage(ctx, length);
                } else {
                    record(ctx, length);
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // A bad message, tag or key (X25519 refuses a low-order point): the connection is over.
            ctx.close();
        } finally {
            if (cumulation != null && !cumulation.isReadable()) {
                cumulation.release();
                cumulation = null;
            } else if (cumulation != null) {
                cumulation.discardSomeReadBytes();
            }
        }
    }

    private void handshakeMessage(ChannelHandlerContext ctx, int length) throws GeneralSecurityException {
        byte[] m = new byte[length];
        cumulation.readBytes(m);
        handshake.read(m);
        if (handshake.writesNext()) {
            sendHandshake(ctx);
        }
        if (handshake.done()) {
            NoiseAead[] ciphers = handshake.split();
            sender = ciphers[0];
            receiver = ciphers[1];
            handshakeDone.complete(null);
            if (pendingBytes > 0) {
                flush(ctx);
            }
        }
    }

    private void record(ChannelHandlerContext ctx, int length) throws GeneralSecurityException {
        if (length <= NoiseAead.TAG_BYTES) {
            // Mintlayer reads an empty record as end of stream.
            throw new GeneralSecurityException("record of " + length + " bytes");
        }
        // Decrypted straight from the read buffer into the buffer passed on: no copy on either side when
        // the read buffer has an array.
        byte[] in;
        int inOff;
        if (cumulation.hasArray()) {
            in = cumulation.array();
            inOff = cumulation.arrayOffset() + cumulation.readerIndex();
        } else {
            cumulation.getBytes(cumulation.readerIndex(), sealed, 0, length);
            in = sealed;
            inOff = 0;
        }
        ByteBuf out = ctx.alloc().heapBuffer(length - NoiseAead.TAG_BYTES);
        try {
            int n = receiver.decrypt(null, in, inOff, length, out.array(), out.arrayOffset() + out.writerIndex());
            out.writerIndex(out.writerIndex() + n);
        } catch (GeneralSecurityException e) {
            out.release();
            throw e;
        }
        cumulation.skipBytes(length);
        ctx.fireChannelRead(out);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ByteBuf b = (ByteBuf) msg;
        pendingBytes += b.readableBytes();
        pending.add(b);
        if (!promise.isVoid()) {
            pendingPromises.add(promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (sender == null) {
            // Sent once the handshake is done.
            return;
        }
        ChannelPromise last = null;
        while (pendingBytes > 0) {
            int n = (int) Math.min(MAX_PLAINTEXT, pendingBytes);
            fill(n);
            // Sealed straight into the record's buffer (heap: the ciphers work on arrays).
            ByteBuf out = ctx.alloc().heapBuffer(2 + n + NoiseAead.TAG_BYTES);
            out.writeShortLE(n + NoiseAead.TAG_BYTES);
            sender.encrypt(null, plain, 0, n, out.array(), out.arrayOffset() + out.writerIndex());
            out.writerIndex(out.writerIndex() + n + NoiseAead.TAG_BYTES);
            pendingBytes -= n;
            if (pendingBytes == 0 && !pendingPromises.isEmpty()) {
                last = ctx.newPromise();
                ctx.write(out, last);
            } else {
                ctx.write(out, ctx.voidPromise());
            }
        }
        if (last != null) {
            List<ChannelPromise> waiting = List.copyOf(pendingPromises);
            pendingPromises.clear();
            last.addListener(f -> waiting.forEach(p -> {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }));
        }
        ctx.flush();
    }

    /** Moves the next {@code n} queued plaintext bytes into {@link #plain}, releasing buffers as they empty. */
    private void fill(int n) {
        int off = 0;
        while (off < n) {
            ByteBuf head = pending.peek();
            int take = Math.min(n - off, head.readableBytes());
            head.readBytes(plain, off, take);
            off += take;
            if (!head.isReadable()) {
                pending.poll().release();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handshakeDone.completeExceptionally(new IllegalStateException("closed before the Noise handshake finished"));
        release();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        ByteBuf b;
        while ((b = pending.poll()) != null) {
            b.release();
        }
        pendingBytes = 0;
        pendingPromises.forEach(p -> p.tryFailure(new IllegalStateException("channel closed")));
        pendingPromises.clear();
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
