package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.core.wire.Frames;
import io.mintp2p.core.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.proxy.ProxyConnectionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The connection's own handler, the last of its pipeline (behind the proxy and security handlers,
 * if any). One handler does what four did (read gate, frame decoder, header encoder, dispatcher):
 * each handler costs a context of ~64 B per connection, and an idle peer's memory is mostly such
 * per-connection objects (BENCHMARKS.md, memory.idle_peer).
 * <ul>
 *   <li><b>Frames in</b> (WIRE.md 2): the announced length is checked as soon as the 4 header bytes
 *       are in, before any body is read or buffered. Over the frame limit the connection closes with
 *       ban score 100. Before the handshake, over {@link WireLimits#MAX_PRE_HANDSHAKE_FRAME}: a first
 *       frame (it can only be a Hello or HelloAck) is refused the same way; a later one may
 *       legitimately follow a HelloAck before our side has seen it, so reading stops until the
 *       handshake completes (the handshake timeout ends it otherwise). Either way a stranger never
 *       makes us buffer more than a few KiB. Each payload goes straight to the connection.</li>
 *   <li><b>Frames out</b>: the length header goes in front of each payload ({@link FrameHeaderEncoder}).</li>
 *   <li><b>Read gate</b>: reading stops while any {@link ReadPause} holds. Auto-read goes off and
 *       read requests from the channel are swallowed, so a pause really stops the bytes.</li>
 *   <li><b>Events</b>: the connection opens on channel activation, once a proxy in front reports the
 *       target connected, or, with a TLS handler in front, once its handshake succeeded.</li>
 * </ul>
 * Event loop only.
 */
final class FrameHandler extends ByteToMessageDecoder implements ChannelOutboundHandler {
    enum ReadPause {
        /** The node's read budget for this peer is used up. */
        NODE_BACKPRESSURE,
        /** A frame over the pre-handshake limit must wait until the handshake completes. */
        AWAITING_HANDSHAKE
    }

    private final NettyConnection connection;
    private final int maxPayload;
    private final Optional<ChannelSecurity> security;
    private final boolean proxied;
    private final Optional<TransportAddress> dialled;
    private ChannelHandlerContext ctx;
    private int pauses;
    private boolean refused;
    private boolean handshakeCompleted;
    private boolean firstFrameSeen;
    /** A frame over the pre-handshake limit is waiting, unread, for the handshake. */
    private boolean heldForHandshake;

    FrameHandler(NettyConnection connection, int maxPayload, Optional<ChannelSecurity> security, boolean proxied,
                 Optional<TransportAddress> dialled) {
        this.connection = connection;
        this.maxPayload = maxPayload;
        this.security = security;
        this.proxied = proxied;
        this.dialled = dialled;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    // --- read gate -------------------------------------------------------------------------------------

    void pause(ReadPause why) {
        pauses |= 1 << why.ordinal();
        ctx.channel().config().setAutoRead(false);
    }

    void resume(ReadPause why) {
        pauses &= ~(1 << why.ordinal());
        if (pauses == 0) {
            // Turning auto-read back on issues a read, which now passes the gate.
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (pauses == 0) {
            ctx.read();
        }
    }

    /**
     * Not {@link ByteToMessageDecoder}'s: after a read that decoded nothing it asks for another when
     * auto-read is off, and here auto-read is off only while the gate is closed, so that read would
     * slip past the gate (its request does not pass this handler's own {@link #read}).
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        discardSomeReadBytes();
        connection.readComplete();
        ctx.fireChannelReadComplete();
    }

    // --- frames in -------------------------------------------------------------------------------------

    /** Lifts the pre-handshake limit and decodes what was held back. */
    void handshakeCompleted() {
        if (handshakeCompleted) {
            return;
        }
        handshakeCompleted = true;
        if (heldForHandshake) {
            heldForHandshake = false;
            resume(ReadPause.AWAITING_HANDSHAKE);
            if (!refused && ctx.channel().isActive()) {
                // The held-back bytes are already in the cumulation: decode them now, not on the next read.
                try {
                    channelRead(ctx, Unpooled.EMPTY_BUFFER);
                    channelReadComplete(ctx);
                } catch (Exception e) {
                    ctx.fireExceptionCaught(e);
                }
            }
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Frames.HEADER_BYTES) {
            return;
        }
        long length = in.getUnsignedIntLE(in.readerIndex());
        if (length > maxPayload) {
            refuse(in, CloseReason.frameTooLarge(length, maxPayload));
            return;
        }
        if (!handshakeCompleted && length > WireLimits.MAX_PRE_HANDSHAKE_FRAME) {
            if (!firstFrameSeen) {
                refuse(in, CloseReason.frameTooLarge(length, WireLimits.MAX_PRE_HANDSHAKE_FRAME));
            } else {
                heldForHandshake = true;
                pause(ReadPause.AWAITING_HANDSHAKE);
            }
            return;
        }
        if (in.readableBytes() < Frames.HEADER_BYTES + length) {
            return;
        }
        firstFrameSeen = true;
        in.skipBytes(Frames.HEADER_BYTES);
        connection.countIn(Frames.HEADER_BYTES + length);
        connection.frameReceived(in.readRetainedSlice((int) length));
    }

    private void refuse(ByteBuf in, CloseReason reason) {
        refused = true;
        in.skipBytes(in.readableBytes());
        connection.fail(reason);
    }

    // --- events ----------------------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (security.isEmpty() && !proxied) {
            connection.opened();
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ProxyConnectionEvent && security.isEmpty()) {
            connection.opened();
        }
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                connection.fail(CloseReason.of(DisconnectReason.TLS_FAILED, security.get().describeFailure(done.cause())));
            } else {
                try {
                    Optional<PeerIdentity> identity = security.get().identify((SocketChannel) ctx.channel(), dialled);
                    connection.setIdentity(identity);
                    connection.opened();
                } catch (TransportException refusedIdentity) {
                    connection.fail(refusedIdentity.reason());
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        connection.writabilityChanged();
        super.channelWritabilityChanged(ctx);
    }

    /** Frames still in the cumulation are decoded and handed over first, then the connection hears of the close. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx);
        } finally {
            connection.channelClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String message = rootMessage(cause);
        connection.fail(CloseReason.of(DisconnectReason.IO_ERROR,
                cause instanceof IOException ? message : "pipeline error: " + message));
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    // --- frames out, and the outbound events passed on as they are ---------------------------------------

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf payload) {
            connection.countOut(Frames.HEADER_BYTES + payload.readableBytes());
            ctx.write(FrameHeaderEncoder.frame(ctx.alloc(), payload), promise);
        } else if (msg instanceof FramedBytes frames) {
            ByteBuf bytes = frames.content();
            connection.countOut(bytes.readableBytes());
            ctx.write(bytes, promise);
        } else if (msg == Outbox.WRITTEN_MARK) {
            // Not a frame: nothing goes on the wire; its promise completes after every write before it.
            ctx.write(Unpooled.EMPTY_BUFFER, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
                        ChannelPromise promise) {
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.close(promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.deregister(promise);
    }
}
