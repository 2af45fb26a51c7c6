package io.mintp2p.attack;

import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * WIRE.md 2 framing over a blocking socket (plain or TLS): a u32 little-endian payload length,
 * then the payload, encoded and decoded with the core {@link MessageCodec}. Not thread-safe for
 * concurrent writers; one reader thread and one writer thread may share it.
 */
public final class WireSocket implements AutoCloseable {
    private final Socket socket;
    private final MessageCodec codec;
    private final DataInputStream in;
    private final OutputStream out;

    public WireSocket(Socket socket, MessageCodec codec) throws IOException {
        this.socket = socket;
        this.codec = codec;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    public Socket socket() {
        return socket;
    }

    /** Encodes one frame (header + payload). */
    public static byte[] frame(MessageCodec codec, Message message) {
        ByteBuf payload = codec.encode(message, UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[4 + payload.readableBytes()];
            ByteBuf view = Unpooled.wrappedBuffer(bytes);
            view.writerIndex(0);
            view.writeIntLE(payload.readableBytes());
            view.writeBytes(payload);
            return bytes;
        } finally {
            payload.release();
        }
    }

    /** A frame header announcing {@code length} payload bytes (unsigned, little-endian). */
    public static byte[] header(long length) {
        return new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
    }

    public void send(Message message) throws IOException {
        out.write(frame(codec, message));
        out.flush();
    }

    /** Writes prepared frames (or any bytes) and flushes. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Buffers without flushing; call {@link #flush()}. */
    public void queueRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Reads one message, waiting at most {@code timeoutMillis} for it to start.
     *
     * @throws EOFException           when the peer closed the connection
     * @throws SocketTimeoutException when nothing came in time
     */
    public Message read(int timeoutMillis) throws IOException, DecodeException {
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("closed by the node");
        }
        long length = (b0 & 0xFFL) | (in.readUnsignedByte() << 8) | (in.readUnsignedByte() << 16)
                | ((long) in.readUnsignedByte() << 24);
        if (length > WireLimits.MAX_FRAME_PAYLOAD) {
            throw new DecodeException("node announced a frame of " + length + " bytes");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return codec.decode(Unpooled.wrappedBuffer(payload));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
