package io.mintp2p.core.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Appends SCALE values (WIRE.md 3) to a {@link ByteBuf}: little-endian fixed widths, canonical
 * compacts, {@code Vec<T>} ({@link #list}), {@code [u8; N]} ({@link #fixed}), {@code Option<T>}
 * ({@link #option}). Java types: u8 and u16 as {@code int}, u32 and u64 as {@code long} (u64 as its
 * two's complement). Not thread-safe: one writer per buffer, used by the thread encoding a message
 * (the caller's, on a send); nothing here blocks. For ready codecs of these shapes, and records made
 * of them, see {@link ScaleCodecs}.
 */
public final class ScaleWriter {
    private final ByteBuf out;

    /**
     * A writer appending to {@code out}, which stays the caller's.
     *
     * @param out the buffer written to, from its writer index on
     */
    public ScaleWriter(ByteBuf out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * The buffer written to.
     *
     * @return the caller's buffer
     */
    public ByteBuf buffer() {
        return out;
    }

    /**
     * {@code u8}: the low 8 bits of {@code v}.
     *
     * @param v the value
     * @return this writer
     */
    public ScaleWriter u8(int v) {
        out.writeByte(v);
        return this;
    }

    /**
     * {@code u16} little-endian: the low 16 bits of {@code v}.
     *
     * @param v the value
     * @return this writer
     */
    public ScaleWriter u16(int v) {
        out.writeShortLE(v);
        return this;
    }

    /**
     * {@code u32} little-endian: the low 32 bits of {@code v}.
     *
     * @param v the value
     * @return this writer
     */
    public ScaleWriter u32(long v) {
        out.writeIntLE((int) v);
        return this;
    }

    /**
     * {@code u64} little-endian: the bits of {@code v}.
     *
     * @param v the value
     * @return this writer
     */
    public ScaleWriter u64(long v) {
        out.writeLongLE(v);
        return this;
    }

    /**
     * {@code bool}: {@code 01} or {@code 00}.
     *
     * @param v the value
     * @return this writer
     */
    public ScaleWriter bool(boolean v) {
        out.writeByte(v ? 1 : 0);
        return this;
    }

    /**
     * Raw bytes with no length prefix ({@code [u8; N]}).
     *
     * @param bytes written as they are
     * @return this writer
     */
    public ScaleWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /**
     * {@code Vec<u8>}: compact length, then the bytes.
     *
     * @param bytes the value
     * @return this writer
     */
    public ScaleWriter bytes(byte[] bytes) {
        compact(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    /**
     * {@code Vec<u8>} of the readable bytes of {@code bytes}, which are copied: neither its indexes nor its reference count change.
     *
     * @param bytes the value, its readable bytes
     * @return this writer
     */
    public ScaleWriter bytes(ByteBuf bytes) {
        int length = bytes.readableBytes();
        compact(length);
        out.writeBytes(bytes, bytes.readerIndex(), length);
        return this;
    }

    /**
     * {@code [u8; n]}: exactly {@code n} bytes, no length prefix. Unlike {@link #raw} it checks the
     * length, so a wrong-sized hash or key is a bug found at the send, not a frame the peer misreads.
     *
     * @throws IllegalArgumentException if {@code bytes} is not {@code n} bytes long
     * @param bytes the value
     * @param n     the length the type has
     * @return this writer
     */
    public ScaleWriter fixed(byte[] bytes, int n) {
        if (bytes.length != n) {
            throw new IllegalArgumentException("a [u8; " + n + "] needs exactly " + n + " bytes, got " + bytes.length);
        }
        out.writeBytes(bytes);
        return this;
    }

    /**
     * {@code Vec<T>}: compact count, then each item as {@code item} writes it.
     *
     * @param <T>   the item type
     * @param items the items
     * @param item  writes one item
     * @return this writer
     */
    public <T> ScaleWriter list(List<T> items, ScaleEncoder<? super T> item) {
        compact(items.size());
        for (T t : items) {
            item.encode(t, this);
        }
        return this;
    }

    /**
     * {@code Option<T>}: {@code 00} for null, else {@code 01} and the value as {@code some} writes it.
     *
     * @param <T>         the value's type
     * @param valueOrNull the value, or null for None
     * @param some        writes the value
     * @return this writer
     */
    public <T> ScaleWriter option(T valueOrNull, ScaleEncoder<? super T> some) {
        if (valueOrNull == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            some.encode(valueOrNull, this);
        }
        return this;
    }

    /**
     * {@code String}: compact byte length, then UTF-8.
     *
     * @param s the value
     * @return this writer
     */
    public ScaleWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A compact integer; {@code v} is read as unsigned 64-bit.
     *
     * @param v the value, unsigned
     * @return this writer
     */
    public ScaleWriter compact(long v) {
        if (Long.compareUnsigned(v, 1L << 6) < 0) {
            out.writeByte((int) (v << 2));
        } else if (Long.compareUnsigned(v, 1L << 14) < 0) {
            out.writeShortLE((int) ((v << 2) | 0b01));
        } else if (Long.compareUnsigned(v, 1L << 30) < 0) {
            out.writeIntLE((int) ((v << 2) | 0b10));
        } else {
            int n = Math.max(4, (64 - Long.numberOfLeadingZeros(v) + 7) / 8);
            out.writeByte(((n - 4) << 2) | 0b11);
            for (int i = 0; i < n; i++) {
                out.writeByte((int) (v >>> (8 * i)));
            }
        }
        return this;
    }

    /**
     * {@code PeerAddress}: variant 0 + 4 octets, variant 1 + 16 octets or variant 2 + a 32-byte onion
     * key (docs/WIRE-ONION.md), then the port as u16 LE.
     *
     * @param a the address
     * @return this writer
     */
    public ScaleWriter peerAddress(PeerAddress a) {
        if (a.isOnion()) {
            out.writeByte(2);
            out.writeBytes(a.onionService().orElseThrow().publicKey());
        } else if (a.isIpv4()) {
            out.writeByte(0);
            out.writeInt(a.ipv4Bits()); // network order, as the address's bytes
        } else {
            out.writeByte(1);
            out.writeBytes(a.ip().getAddress());
        }
        out.writeShortLE(a.port());
        return this;
    }
}
