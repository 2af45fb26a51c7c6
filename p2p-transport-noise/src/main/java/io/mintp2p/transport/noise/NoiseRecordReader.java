package io.mintp2p.transport.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Cuts the peer's byte stream into Noise messages ({@code u16 LE length || body}), with no I/O: {@link #feed} what
 * arrives, then take complete bodies with {@link #nextHandshakeMessage} during the handshake and {@link #nextRecord}
 * after it. Bytes behind a message stay buffered for the next call, so a record that follows handshake message 3
 * in the same read (the Mintlayer initiator's Hello) is kept.
 *
 * <p>Bounds: a length is checked as soon as its two bytes arrive, before any of its body is buffered: a handshake
 * message must have exactly the expected size, a record 1 to 65535 bytes. So an incomplete message never holds
 * more than 2 + 65535 bytes; together with what one {@link #feed} brings, that bounds the buffer as long as the
 * caller takes every complete message after each feed.
 *
 * <p>One thread at a time (the connection's event loop); nothing blocks. {@link #release()} when done.
 */
final class NoiseRecordReader {
    private final ByteBufAllocator alloc;
    private ByteBuf buffer;
    private boolean released;

    NoiseRecordReader(ByteBufAllocator alloc) {
        this.alloc = alloc;
        this.buffer = alloc.buffer(0);
    }

    /**
     * Appends {@code in}'s readable bytes, advancing its reader index. The caller keeps ownership of {@code in}.
     */
    void feed(ByteBuf in) {
        requireLive();
        int incoming = in.readableBytes();
        if (incoming == 0) {
            return;
        }
        if (buffer.refCnt() > 1 || buffer.maxWritableBytes() < incoming) {
            // A body handed out earlier still shares this buffer: move on to a new one rather than shift under it.
            ByteBuf next = alloc.buffer(buffer.readableBytes() + incoming);
            next.writeBytes(buffer);
            buffer.release();
            buffer = next;
        } else if (buffer.writableBytes() < incoming) {
            buffer.discardSomeReadBytes();
        }
        buffer.writeBytes(in);
    }

    /**
     * The next handshake message's body, which must have exactly {@code expectedLength} bytes (the sizes of
     * messages with empty payloads), or null until it is complete. A different length is refused as soon as it is
     * read, with BAD_HANDSHAKE_MESSAGE. The returned buffer is the caller's to release.
     */
    ByteBuf nextHandshakeMessage(int expectedLength) throws NoiseException {
        requireLive();
        if (buffer.readableBytes() < NoiseFrames.LENGTH_BYTES) {
            return null;
        }
        int length = NoiseFrames.lengthAt(buffer, buffer.readerIndex());
        if (length != expectedLength) {
            throw new NoiseException(NoiseException.Kind.BAD_HANDSHAKE_MESSAGE,
                    "handshake message of " + length + " bytes where " + expectedLength + " were expected");
        }
        return take(length);
    }

    /**
     * The next transport record's body (1 to 65535 bytes of ciphertext), or null until it is complete. A zero length
     * is refused at once with EMPTY_RECORD. The returned buffer is the caller's to release.
     */
    ByteBuf nextRecord() throws NoiseException {
        requireLive();
        if (buffer.readableBytes() < NoiseFrames.LENGTH_BYTES) {
            return null;
        }
        int length = NoiseFrames.lengthAt(buffer, buffer.readerIndex());
        if (length == 0) {
            throw new NoiseException(NoiseException.Kind.EMPTY_RECORD, "a record length of 0");
        }
        return take(length);
    }

    private ByteBuf take(int length) {
        if (buffer.readableBytes() < NoiseFrames.LENGTH_BYTES + length) {
            return null;
        }
        buffer.skipBytes(NoiseFrames.LENGTH_BYTES);
        return buffer.readRetainedSlice(length);
    }

    /** Bytes fed and not yet handed out (including a partial length or body). */
    int buffered() {
        return released ? 0 : buffer.readableBytes();
    }

    /**
     * Hands out everything buffered and not yet taken (for a caller that stops framing, e.g. to pass bytes on) and
     * releases this reader. The returned buffer is the caller's to release.
     */
    ByteBuf takeRemainingAndRelease() {
        requireLive();
        ByteBuf rest = buffer.readRetainedSlice(buffer.readableBytes());
        release();
        return rest;
    }

    /** Frees the buffer; later calls throw, a second release does nothing. */
    void release() {
        if (!released) {
            released = true;
            buffer.release();
        }
    }

    private void requireLive() {
        if (released) {
            throw new IllegalStateException("the reader was released");
        }
    }
}
