package io.mintp2p.transport.noise;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.transport.tcp.PassThroughOutbound;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Noise transport phase in the pipeline, in place of the {@link NoiseHandshakeHandler}.
 * <ul>
 *   <li><b>In</b>: cuts {@code u16 LE length || ciphertext} records from the stream, decrypts them and passes the
 *       plaintext on as a byte stream (record boundaries mean nothing to the frame decoder behind). All complete
 *       records of one read go on as one buffer. A record that fails its tag, or has no plaintext (the Mintlayer
 *       node reads one as end of stream, so no honest peer sends it), closes the connection with
 *       {@link DisconnectReason#NOISE_BAD_RECORD}. An incomplete record holds at most 2 + 65 535 bytes.</li>
 *   <li><b>Out</b>: the frames written until a flush are gathered and, at the flush, cut into records of at most
 *       65 519 bytes of plaintext (several frames share a record, a large frame spans several), encrypted into one
 *       buffer and written with one write and one flush. A batch of no bytes (the outbox's marker) passes on as an
 *       empty write, never as an empty record; every write's promise completes with the batch's.</li>
 * </ul>
 * Reading is gated by the frame handler behind: this handler never asks for a read itself. Event loop only.
 */
final class NoiseRecordHandler extends ByteToMessageDecoder implements PassThroughOutbound {
    /** Bytes a record adds to its plaintext: the length and the tag. */
    private static final int RECORD_OVERHEAD = NoiseFrames.LENGTH_BYTES + NoiseSession.TAG;

    private final NoiseSession session;
    /** The peer's static key until the transport identified the peer; then dropped (it costs every peer). */
    private byte[] remoteStatic;
    /** Frames written since the last flush; null while there are none. */
    private CompositeByteBuf unflushed;
    private final List<ChannelPromise> unflushedPromises = new ArrayList<>(4);
    private boolean refused;

    NoiseRecordHandler(NoiseSession session, byte[] remoteStatic) {
        this.session = session;
        this.remoteStatic = remoteStatic;
    }

    /** The peer's static public key from the handshake, once: later calls answer null. Event loop. */
    byte[] takeRemoteStatic() {
        byte[] key = remoteStatic;
        remoteStatic = null;
        return key;
    }

    // --- in --------------------------------------------------------------------------------------------

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        ByteBuf plain = null;
        while (in.readableBytes() >= NoiseFrames.LENGTH_BYTES) {
            int length = NoiseFrames.lengthAt(in, in.readerIndex());
            if (length != 0 && in.readableBytes() < NoiseFrames.LENGTH_BYTES + length) {
                break;
            }
            if (plain == null) {
                // Room for every complete record in this read: their plaintext is shorter than the bytes read.
                plain = ctx.alloc().heapBuffer(in.readableBytes());
            }
            in.skipBytes(NoiseFrames.LENGTH_BYTES);
            try {
                session.decrypt(in, length, plain);
            } catch (NoiseException e) {
                plain.release();
                refuse(ctx, in, e);
                return;
            }
        }
        if (plain != null) {
            out.add(plain);
        }
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, NoiseException e) {
        refused = true;
        in.skipBytes(in.readableBytes());
        String detail = switch (e.kind()) {
            case BAD_TAG -> "bad tag";
            case EMPTY_RECORD -> "empty record";
            case RECORD_TOO_LARGE -> "record too large";
            case NONCE_EXHAUSTED -> "nonces exhausted";
            case BAD_HANDSHAKE_MESSAGE -> "handshake message after the handshake";
        };
        ctx.fireExceptionCaught(new TransportException(CloseReason.of(DisconnectReason.NOISE_BAD_RECORD, detail)));
    }

    /** Not the decoder's: it would ask for a read when a read decoded nothing, past the frame handler's read gate. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        discardSomeReadBytes();
        ctx.fireChannelReadComplete();
    }

    // --- out -------------------------------------------------------------------------------------------

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new UnsupportedMessageTypeException(msg, ByteBuf.class));
            return;
        }
        if (bytes.isReadable()) {
            if (unflushed == null) {
                unflushed = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            unflushed.addComponent(true, bytes);
        } else {
            bytes.release();
        }
        if (!promise.isVoid()) {
            unflushedPromises.add(promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (unflushed == null && unflushedPromises.isEmpty()) {
            ctx.flush();
            return;
        }
        ByteBuf records;
        try {
            records = seal(ctx);
        } catch (NoiseException e) {
            dropUnflushed(e);
            ctx.fireExceptionCaught(new TransportException(CloseReason.of(DisconnectReason.NOISE_BAD_RECORD,
                    "cannot encrypt: " + e.getMessage())));
            return;
        }
        ctx.write(records, batchPromise(ctx));
        ctx.flush();
    }

    /** The gathered frames as records, in one buffer; an empty buffer when they held no bytes. */
    private ByteBuf seal(ChannelHandlerContext ctx) throws NoiseException {
        CompositeByteBuf plain = unflushed;
        unflushed = null;
        if (plain == null) {
            return Unpooled.EMPTY_BUFFER;
        }
        try {
            int total = plain.readableBytes();
            int count = (total + NoiseSession.MAX_PLAINTEXT - 1) / NoiseSession.MAX_PLAINTEXT;
            ByteBuf records = ctx.alloc().heapBuffer(total + count * RECORD_OVERHEAD);
            try {
                while (plain.isReadable()) {
                    int n = Math.min(plain.readableBytes(), NoiseSession.MAX_PLAINTEXT);
                    NoiseFrames.writeLength(records, n + NoiseSession.TAG);
                    session.encrypt(plain, n, records);
                }
                return records;
            } catch (NoiseException | RuntimeException e) {
                records.release();
                throw e;
            }
        } finally {
            plain.release();
        }
    }

    /** One promise for the batch's write, completing each promise of the writes it gathered. */
    private ChannelPromise batchPromise(ChannelHandlerContext ctx) {
        if (unflushedPromises.isEmpty()) {
            return ctx.voidPromise();
        }
        if (unflushedPromises.size() == 1) {
            ChannelPromise only = unflushedPromises.get(0);
            unflushedPromises.clear();
            return only;
        }
        ChannelPromise[] gathered = unflushedPromises.toArray(new ChannelPromise[0]);
        unflushedPromises.clear();
        ChannelPromise batch = ctx.newPromise();
        batch.addListener(f -> {
            for (ChannelPromise p : gathered) {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }
        });
        return batch;
    }

    private void dropUnflushed(Throwable cause) {
        if (unflushed != null) {
            unflushed.release();
            unflushed = null;
        }
        for (ChannelPromise p : unflushedPromises) {
            p.tryFailure(cause);
        }
        unflushedPromises.clear();
    }

    /** Writes never flushed fail with the channel, as Netty's own unflushed writes do. */
    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        dropUnflushed(new ClosedChannelException());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        dropUnflushed(new ClosedChannelException());
        super.channelInactive(ctx);
    }

    // The other outbound operations pass through (PassThroughOutbound); read too, the frame handler gates reads.

    @Override
    public void read(ChannelHandlerContext ctx) {
        ctx.read();
    }
}
