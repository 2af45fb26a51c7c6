package io.mintp2p.core.wire;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Reads strict SCALE (WIRE.md 3) from a {@link ByteBuf}. Every malformed input, including running
 * out of bytes, becomes a {@link DecodeException}; it never throws a buffer exception. Every
 * variable-length read takes a bound, checked before anything is allocated. Not thread-safe: one
 * reader per payload, used by the thread decoding it (the transport's I/O thread); nothing here blocks.
 */
public final class ScaleReader {
    private final ByteBuf in;

    /**
     * A reader consuming {@code in} from its reader index; the buffer stays the caller's.
     *
     * @param in the payload, read from its reader index on
     */
    public ScaleReader(ByteBuf in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * The bytes not read yet.
     *
     * @return the buffer's readable bytes
     */
    public int remaining() {
        return in.readableBytes();
    }

    private void need(int n, String what) throws DecodeException {
        if (in.readableBytes() < n) {
            throw new DecodeException("Not enough data to fill buffer (" + what + ")");
        }
    }

    /** As {@link #need} for a byte string, whose description is only made when it is missing (not per message). */
    private void needBytes(long n) throws DecodeException {
        if (in.readableBytes() < n) {
            throw new DecodeException("Not enough data to fill buffer (" + n + " bytes)");
        }
    }

    /**
     * {@code u8}, 0-255.
     *
     * @return the value
     * @throws DecodeException if no byte is left
     */
    public int u8() throws DecodeException {
        need(1, "u8");
        return in.readUnsignedByte();
    }

    /**
     * {@code u16} little-endian, 0-65535.
     *
     * @return the value
     * @throws DecodeException if fewer than 2 bytes are left
     */
    public int u16() throws DecodeException {
        need(2, "u16");
        return in.readUnsignedShortLE();
    }

    /**
     * u32 as a non-negative long.
     *
     * @return the value, 0 to 2^32-1
     * @throws DecodeException if fewer than 4 bytes are left
     */
    public long u32() throws DecodeException {
        need(4, "u32");
        return in.readUnsignedIntLE();
    }

    /**
     * {@code u64} little-endian, as the long with its bits.
     *
     * @return the value's 64 bits (above 2^63-1 it reads negative)
     * @throws DecodeException if fewer than 8 bytes are left
     */
    public long u64() throws DecodeException {
        need(8, "u64");
        return in.readLongLE();
    }

    /**
     * {@code bool}: {@code 00} or {@code 01}; any other byte is a decode error.
     *
     * @return the value
     * @throws DecodeException if no byte is left, or it is neither 0 nor 1
     */
    public boolean bool() throws DecodeException {
        int b = u8();
        if (b > 1) {
            throw new DecodeException("Invalid boolean representation: " + b);
        }
        return b == 1;
    }

    /**
     * {@code [u8; n]}.
     *
     * @param n the length
     * @return a copy of the next {@code n} bytes
     * @throws DecodeException if fewer than {@code n} bytes are left
     */
    public byte[] raw(int n) throws DecodeException {
        needBytes(n);
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }

    /**
     * {@code [u8; n]}: exactly {@code n} bytes, no length prefix (the same as {@link #raw}, named as {@link ScaleWriter#fixed}).
     *
     * @param n the length
     * @return a copy of the next {@code n} bytes
     * @throws DecodeException if fewer than {@code n} bytes are left
     */
    public byte[] fixed(int n) throws DecodeException {
        return raw(n);
    }

    /**
     * {@code Vec<T>} of at most {@code maxItems} items, each read by {@code item}; the result is
     * unmodifiable. A count over {@code maxItems} fails before any item is read or any list allocated.
     * The list is not pre-sized with the announced count, which costs the peer nothing to inflate: it
     * grows with the items actually read, so a count of 1000 with 3 bytes behind it fails once the
     * bytes run out, having allocated for at most 3 items (for items of a byte or more; items of
     * zero bytes, such as an empty struct, are bounded by {@code maxItems} alone).
     *
     * @throws IllegalArgumentException if {@code maxItems} is negative (a bug of the caller, not of the peer)
     * @throws DecodeException on a count over the bound, a malformed item, or an item decoder returning null
     * @param <T>      the item type
     * @param item     reads one item
     * @param maxItems the most items accepted
     * @return the items, unmodifiable
     */
    public <T> List<T> list(ScaleDecoder<? extends T> item, int maxItems) throws DecodeException {
        if (maxItems < 0) {
            throw new IllegalArgumentException("maxItems must not be negative, got " + maxItems);
        }
        long count = compactU32();
        if (count > maxItems) {
            throw new DecodeException("list of " + count + " items exceeds the limit " + maxItems);
        }
        if (count == 0) {
            return List.of();
        }
        // At most one slot per remaining byte up front: the count alone is the peer's word.
        List<T> items = new ArrayList<>((int) Math.min(count, Math.max(1, in.readableBytes())));
        for (long i = 0; i < count; i++) {
            T t = item.decode(this);
            if (t == null) {
                throw new DecodeException("list item " + i + ": decoder returned null");
            }
            items.add(t);
        }
        return Collections.unmodifiableList(items);
    }

    /**
     * {@code Option<T>}: null for {@code 00}, the value {@code some} reads after {@code 01}; any other
     * tag is a decode error, and so is {@code some} returning null (it would read as None).
     *
     * @param <T>  the value's type
     * @param some reads the value
     * @return the value, or null for None
     * @throws DecodeException on a bad tag, a malformed value, or {@code some} returning null
     */
    public <T> T option(ScaleDecoder<? extends T> some) throws DecodeException {
        int tag = u8();
        switch (tag) {
            case 0:
                return null;
            case 1: {
                T t = some.decode(this);
                if (t == null) {
                    throw new DecodeException("Option::Some: decoder returned null");
                }
                return t;
            }
            default:
                throw new DecodeException("Invalid Option representation: " + tag);
        }
    }

    /**
     * {@code Vec<u8>} of at most {@code maxLength} bytes.
     *
     * @param maxLength the longest accepted
     * @return a copy of the bytes
     * @throws DecodeException on a length over the bound, a non-canonical length, or too few bytes
     */
    public byte[] bytes(int maxLength) throws DecodeException {
        long len = compactU32();
        if (len > maxLength) {
            throw new DecodeException("byte vector of length " + len + " exceeds the limit " + maxLength);
        }
        return raw((int) len);
    }

    /**
     * {@code Vec<u8>} of at most {@code maxLength} bytes as a view of the buffer being read, not a
     * copy: a retained slice, which the caller must release (a message body of this kind is released
     * by the node once the message's handlers returned, see {@link MessageType#ofBytesView}).
     *
     * @param maxLength the longest accepted
     * @return a retained slice the caller must release
     * @throws DecodeException on a length over the bound, a non-canonical length, or too few bytes
     */
    public ByteBuf bytesView(int maxLength) throws DecodeException {
        long len = compactU32();
        if (len > maxLength) {
            throw new DecodeException("byte vector of length " + len + " exceeds the limit " + maxLength);
        }
        needBytes(len);
        return in.readRetainedSlice((int) len);
    }

    /**
     * {@code String} of at most {@code maxBytes} UTF-8 bytes; invalid UTF-8 is an error.
     *
     * @param maxBytes the longest accepted, in UTF-8 bytes
     * @return the string
     * @throws DecodeException on a length over the bound, too few bytes, or invalid UTF-8
     */
    public String string(int maxBytes) throws DecodeException {
        byte[] b = bytes(maxBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("Invalid UTF-8 sequence");
        }
    }

    /**
     * {@code Compact<u32>}, canonical only, as a non-negative long.
     *
     * @return the value, 0 to 2^32-1
     * @throws DecodeException on a non-canonical or too large encoding, or too few bytes
     */
    public long compactU32() throws DecodeException {
        long v = compact(4);
        return v;
    }

    /**
     * {@code Compact<u64>}, canonical only; the result is an unsigned 64-bit value.
     *
     * @return the value's 64 bits
     * @throws DecodeException on a non-canonical encoding or too few bytes
     */
    public long compactU64() throws DecodeException {
        return compact(8);
    }

    private long compact(int maxBytes) throws DecodeException {
        int first = u8();
        switch (first & 0b11) {
            case 0b00:
                return first >>> 2;
            case 0b01: {
                int second = u8();
                long v = ((first | (second << 8)) & 0xFFFF) >>> 2;
                if (v < (1 << 6)) {
                    throw new DecodeException("out of range decoding Compact");
                }
                return v;
            }
            case 0b10: {
                need(3, "compact");
                long rest = in.readUnsignedMediumLE();
                long v = ((first & 0xFFL) | (rest << 8)) >>> 2;
                if (v < (1 << 14)) {
                    throw new DecodeException("out of range decoding Compact");
                }
                return v;
            }
            default: {
                int n = (first >>> 2) + 4;
                if (n > maxBytes) {
                    throw new DecodeException("out of range decoding Compact");
                }
                need(n, "compact");
                long v = 0;
                for (int i = 0; i < n; i++) {
                    v |= ((long) in.readUnsignedByte()) << (8 * i);
                }
                boolean minimal = n == 4 ? Long.compareUnsigned(v, 1L << 30) >= 0
                        : (v >>> (8 * (n - 1))) != 0;
                if (!minimal) {
                    throw new DecodeException("out of range decoding Compact");
                }
                return v;
            }
        }
    }

    /**
     * Mintlayer's {@code PeerAddress} enum (variants 0-2, WIRE.md 5.3); another variant is a decode error.
     *
     * @return the address
     * @throws DecodeException on an unknown variant or too few bytes
     */
    public PeerAddress peerAddress() throws DecodeException {
        int variant = u8();
        switch (variant) {
            case 0: {
                needBytes(4);
                int ip = in.readInt(); // network order
                return PeerAddress.ipv4(ip, u16());
            }
            case 1: {
                byte[] ip = raw(16);
                return PeerAddress.ipv6(ip, u16());
            }
            case 2: {
                byte[] key = raw(OnionV3.KEY_BYTES);
                return PeerAddress.onion(OnionV3.ofKey(key), u16());
            }
            default:
                throw new DecodeException("Could not decode `PeerAddress`, variant doesn't exist");
        }
    }

    /**
     * Strict decoding: anything left over is an error.
     *
     * @throws DecodeException if any byte is left
     */
    public void requireFullyConsumed() throws DecodeException {
        if (in.isReadable()) {
            throw new DecodeException("Input buffer has still data left after decoding! (" + in.readableBytes() + " bytes)");
        }
    }
}
