package io.mintp2p.core.wire;

import static io.mintp2p.core.wire.RecordCodec.field;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Ready {@link ScaleCodec}s for the SCALE shapes a chain protocol sends (WIRE.md 3), and
 * {@link #record record} builders that make a struct's codec from its fields' codecs, so a message
 * type is declared in a few lines (docs/message-types.md):
 * <pre>{@code
 * record Header(byte[] parent, long height, byte[] hash) {}
 * static final ScaleCodec<Header> HEADER = ScaleCodecs.record(
 *         ScaleCodecs.fixed(32), Header::parent, ScaleCodecs.u64(), Header::height,
 *         ScaleCodecs.fixed(32), Header::hash, Header::new);
 * static final MessageType<List<Header>> HEADERS =
 *         MessageType.of(65, "headers", CHAIN_BIT, ScaleCodecs.list(HEADER, 2000));
 * }</pre>
 * Java types, as {@link ScaleWriter} and {@link ScaleReader} use them: u8 and u16 as {@code Integer},
 * u32 as {@code Long}, u64 and compacts as {@code Long} holding the unsigned value's bits; numbers are
 * boxed, which costs an allocation per field and is fine for anything but the hottest bodies (write
 * the encoder and decoder by hand there). Every variable-length codec takes a bound, checked on
 * decode before anything is allocated. Encoding a value a codec cannot represent (a u8 of 300, a
 * {@code fixed(32)} of 31 bytes) throws {@link IllegalArgumentException}: a bug of the sender.
 *
 * <p>Every codec here is stateless and thread-safe; encoding runs on the sending thread, decoding on
 * the transport's I/O thread, and neither blocks.
 */
public final class ScaleCodecs {
    private static final ScaleCodec<Integer> U8 = ScaleCodec.of(
            (v, out) -> out.u8(checkRange(v, 0xFFL, "u8")), ScaleReader::u8);
    private static final ScaleCodec<Integer> U16 = ScaleCodec.of(
            (v, out) -> out.u16(checkRange(v, 0xFFFFL, "u16")), ScaleReader::u16);
    private static final ScaleCodec<Long> U32 = ScaleCodec.of(
            (v, out) -> out.u32(checkRange(v, 0xFFFF_FFFFL, "u32")), ScaleReader::u32);
    private static final ScaleCodec<Long> U64 = ScaleCodec.of((v, out) -> out.u64(v), ScaleReader::u64);
    private static final ScaleCodec<Boolean> BOOL = ScaleCodec.of((v, out) -> out.bool(v), ScaleReader::bool);
    private static final ScaleCodec<Long> COMPACT_U32 = ScaleCodec.of(
            (v, out) -> out.compact(checkRange(v, 0xFFFF_FFFFL, "Compact<u32>")), ScaleReader::compactU32);
    private static final ScaleCodec<Long> COMPACT_U64 = ScaleCodec.of((v, out) -> out.compact(v), ScaleReader::compactU64);
    private static final ScaleCodec<PeerAddress> PEER_ADDRESS = ScaleCodec.of(
            (v, out) -> out.peerAddress(v), ScaleReader::peerAddress);

    private ScaleCodecs() {
    }

    private static int checkRange(int v, long max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
        return v;
    }

    private static long checkRange(long v, long max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
        return v;
    }

    /**
     * {@code u8} as an {@code Integer} 0-255.
     *
     * @return the shared codec
     */
    public static ScaleCodec<Integer> u8() {
        return U8;
    }

    /**
     * {@code u16} little-endian, as an {@code Integer} 0-65535.
     *
     * @return the shared codec
     */
    public static ScaleCodec<Integer> u16() {
        return U16;
    }

    /**
     * {@code u32} little-endian, as a {@code Long} 0-2^32-1.
     *
     * @return the shared codec
     */
    public static ScaleCodec<Long> u32() {
        return U32;
    }

    /**
     * {@code u64} little-endian, as a {@code Long} holding its bits (above 2^63-1 it reads negative).
     *
     * @return the shared codec
     */
    public static ScaleCodec<Long> u64() {
        return U64;
    }

    /**
     * {@code bool}: {@code 00} or {@code 01}; any other byte is a decode error.
     *
     * @return the shared codec
     */
    public static ScaleCodec<Boolean> bool() {
        return BOOL;
    }

    /**
     * {@code Compact<u32>}, canonical only, as a {@code Long} 0-2^32-1.
     *
     * @return the shared codec
     */
    public static ScaleCodec<Long> compactU32() {
        return COMPACT_U32;
    }

    /**
     * {@code Compact<u64>}, canonical only, as a {@code Long} holding the unsigned value's bits.
     *
     * @return the shared codec
     */
    public static ScaleCodec<Long> compactU64() {
        return COMPACT_U64;
    }

    /**
     * Mintlayer's {@code PeerAddress} enum (WIRE.md 5.3).
     *
     * @return the shared codec
     */
    public static ScaleCodec<PeerAddress> peerAddress() {
        return PEER_ADDRESS;
    }

    /**
     * {@code Vec<u8>} of at most {@code maxBytes} bytes (decoded as a copy).
     *
     * @param maxBytes the longest value decoded; a longer one is a decode error
     * @return the codec
     * @throws IllegalArgumentException if {@code maxBytes} is negative
     */
    public static ScaleCodec<byte[]> bytes(int maxBytes) {
        requireBound(maxBytes, "maxBytes");
        return ScaleCodec.of((v, out) -> out.bytes(v), in -> in.bytes(maxBytes));
    }

    /**
     * {@code String} of at most {@code maxBytes} UTF-8 bytes; invalid UTF-8 is a decode error.
     *
     * @param maxBytes the longest value decoded, in UTF-8 bytes; a longer one is a decode error
     * @return the codec
     * @throws IllegalArgumentException if {@code maxBytes} is negative
     */
    public static ScaleCodec<String> string(int maxBytes) {
        requireBound(maxBytes, "maxBytes");
        return ScaleCodec.of((v, out) -> out.string(v), in -> in.string(maxBytes));
    }

    /**
     * {@code [u8; n]}: exactly {@code n} bytes, no prefix (a hash, a key). Encoding an array of another
     * length throws {@link IllegalArgumentException}.
     *
     * @param n the length
     * @return the codec
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static ScaleCodec<byte[]> fixed(int n) {
        requireBound(n, "n");
        return ScaleCodec.of((v, out) -> out.fixed(v, n), in -> in.fixed(n));
    }

    /**
     * {@code Vec<T>} of at most {@code maxItems} items: compact count, then the items. Decoding refuses
     * a count over the bound before reading an item, and gives an unmodifiable list (see
     * {@link ScaleReader#list}); items may not be null.
     *
     * @param <T>      the item type
     * @param item     the items' codec
     * @param maxItems the most items decoded; more is a decode error
     * @return the codec
     * @throws IllegalArgumentException if {@code maxItems} is negative
     */
    public static <T> ScaleCodec<List<T>> list(ScaleCodec<T> item, int maxItems) {
        Objects.requireNonNull(item, "item");
        requireBound(maxItems, "maxItems");
        return ScaleCodec.of((v, out) -> out.list(v, item), in -> in.list(item, maxItems));
    }

    /**
     * {@code Option<T>}: {@code 00} for empty, {@code 01} and the value when present; any other tag is a decode error.
     *
     * @param <T>  the value's type
     * @param some the value's codec
     * @return the codec
     */
    public static <T> ScaleCodec<Optional<T>> option(ScaleCodec<T> some) {
        Objects.requireNonNull(some, "some");
        return ScaleCodec.of((v, out) -> out.option(v.orElse(null), some), in -> Optional.ofNullable(in.option(some)));
    }

    private static void requireBound(int bound, String what) {
        if (bound < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + bound);
        }
    }

    /**
     * A struct of one field (SCALE: the fields in order, nothing else): encodes each getter's value with
     * its codec, decodes the fields in the same order and hands them to {@code ctor}
     * (typically a record's canonical constructor, {@code Header::new}). A constructor that refuses
     * its fields with a runtime exception makes the input a decode error.
     *
     * @param <A> the first field's type
     * @param <T> the struct's type
     * @param a    the first field's codec
     * @param getA reads the first field from a value
     * @param ctor makes a value from the decoded fields, in order
     * @return the struct's codec
     */
    @SuppressWarnings("unchecked") // each value was decoded by the codec of its own type
    public static <A, T> ScaleCodec<T> record(
            ScaleCodec<A> a, Function<? super T, ? extends A> getA,
            Function<? super A, ? extends T> ctor) {
        Objects.requireNonNull(ctor, "ctor");
        return new RecordCodec<T>(List.of(field(a, getA)), v -> ctor.apply((A) v[0]));
    }

    /**
     * A struct of two fields (SCALE: the fields in order, nothing else): encodes each getter's value with
     * its codec, decodes the fields in the same order and hands them to {@code ctor}
     * (typically a record's canonical constructor, {@code Header::new}). A constructor that refuses
     * its fields with a runtime exception makes the input a decode error.
     *
     * @param <A> the first field's type
     * @param <B> the second field's type
     * @param <T> the struct's type
     * @param a    the first field's codec
     * @param getA reads the first field from a value
     * @param b    the second field's codec
     * @param getB reads the second field from a value
     * @param ctor makes a value from the decoded fields, in order
     * @return the struct's codec
     */
    @SuppressWarnings("unchecked") // each value was decoded by the codec of its own type
    public static <A, B, T> ScaleCodec<T> record(
            ScaleCodec<A> a, Function<? super T, ? extends A> getA,
            ScaleCodec<B> b, Function<? super T, ? extends B> getB,
            BiFunction<? super A, ? super B, ? extends T> ctor) {
        Objects.requireNonNull(ctor, "ctor");
        return new RecordCodec<T>(List.of(field(a, getA), field(b, getB)), v -> ctor.apply((A) v[0], (B) v[1]));
    }

    /**
     * A struct of three fields (SCALE: the fields in order, nothing else): encodes each getter's value with
     * its codec, decodes the fields in the same order and hands them to {@code ctor}
     * (typically a record's canonical constructor, {@code Header::new}). A constructor that refuses
     * its fields with a runtime exception makes the input a decode error.
     *
     * @param <A> the first field's type
     * @param <B> the second field's type
     * @param <C> the third field's type
     * @param <T> the struct's type
     * @param a    the first field's codec
     * @param getA reads the first field from a value
     * @param b    the second field's codec
     * @param getB reads the second field from a value
     * @param c    the third field's codec
     * @param getC reads the third field from a value
     * @param ctor makes a value from the decoded fields, in order
     * @return the struct's codec
     */
    @SuppressWarnings("unchecked") // each value was decoded by the codec of its own type
    public static <A, B, C, T> ScaleCodec<T> record(
            ScaleCodec<A> a, Function<? super T, ? extends A> getA,
            ScaleCodec<B> b, Function<? super T, ? extends B> getB,
            ScaleCodec<C> c, Function<? super T, ? extends C> getC,
            Constructor3<? super A, ? super B, ? super C, ? extends T> ctor) {
        Objects.requireNonNull(ctor, "ctor");
        return new RecordCodec<T>(List.of(field(a, getA), field(b, getB), field(c, getC)),
                v -> ctor.create((A) v[0], (B) v[1], (C) v[2]));
    }

    /**
     * A struct of four fields (SCALE: the fields in order, nothing else): encodes each getter's value with
     * its codec, decodes the fields in the same order and hands them to {@code ctor}
     * (typically a record's canonical constructor, {@code Header::new}). A constructor that refuses
     * its fields with a runtime exception makes the input a decode error.
     *
     * @param <A> the first field's type
     * @param <B> the second field's type
     * @param <C> the third field's type
     * @param <D> the fourth field's type
     * @param <T> the struct's type
     * @param a    the first field's codec
     * @param getA reads the first field from a value
     * @param b    the second field's codec
     * @param getB reads the second field from a value
     * @param c    the third field's codec
     * @param getC reads the third field from a value
     * @param d    the fourth field's codec
     * @param getD reads the fourth field from a value
     * @param ctor makes a value from the decoded fields, in order
     * @return the struct's codec
     */
    @SuppressWarnings("unchecked") // each value was decoded by the codec of its own type
    public static <A, B, C, D, T> ScaleCodec<T> record(
            ScaleCodec<A> a, Function<? super T, ? extends A> getA,
            ScaleCodec<B> b, Function<? super T, ? extends B> getB,
            ScaleCodec<C> c, Function<? super T, ? extends C> getC,
            ScaleCodec<D> d, Function<? super T, ? extends D> getD,
            Constructor4<? super A, ? super B, ? super C, ? super D, ? extends T> ctor) {
        Objects.requireNonNull(ctor, "ctor");
        return new RecordCodec<T>(List.of(field(a, getA), field(b, getB), field(c, getC), field(d, getD)),
                v -> ctor.create((A) v[0], (B) v[1], (C) v[2], (D) v[3]));
    }

    /**
     * A struct of five fields (SCALE: the fields in order, nothing else): encodes each getter's value with
     * its codec, decodes the fields in the same order and hands them to {@code ctor}
     * (typically a record's canonical constructor, {@code Header::new}). A constructor that refuses
     * its fields with a runtime exception makes the input a decode error.
     *
     * @param <A> the first field's type
     * @param <B> the second field's type
     * @param <C> the third field's type
     * @param <D> the fourth field's type
     * @param <E> the fifth field's type
     * @param <T> the struct's type
     * @param a    the first field's codec
     * @param getA reads the first field from a value
     * @param b    the second field's codec
     * @param getB reads the second field from a value
     * @param c    the third field's codec
     * @param getC reads the third field from a value
     * @param d    the fourth field's codec
     * @param getD reads the fourth field from a value
     * @param e    the fifth field's codec
     * @param getE reads the fifth field from a value
     * @param ctor makes a value from the decoded fields, in order
     * @return the struct's codec
     */
    @SuppressWarnings("unchecked") // each value was decoded by the codec of its own type
    public static <A, B, C, D, E, T> ScaleCodec<T> record(
            ScaleCodec<A> a, Function<? super T, ? extends A> getA,
            ScaleCodec<B> b, Function<? super T, ? extends B> getB,
            ScaleCodec<C> c, Function<? super T, ? extends C> getC,
            ScaleCodec<D> d, Function<? super T, ? extends D> getD,
            ScaleCodec<E> e, Function<? super T, ? extends E> getE,
            Constructor5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends T> ctor) {
        Objects.requireNonNull(ctor, "ctor");
        return new RecordCodec<T>(List.of(field(a, getA), field(b, getB), field(c, getC), field(d, getD), field(e, getE)),
                v -> ctor.create((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4]));
    }

    /**
     * A struct of six fields (SCALE: the fields in order, nothing else): encodes each getter's value with
     * its codec, decodes the fields in the same order and hands them to {@code ctor}
     * (typically a record's canonical constructor, {@code Header::new}). A constructor that refuses
     * its fields with a runtime exception makes the input a decode error.
     *
     * @param <A> the first field's type
     * @param <B> the second field's type
     * @param <C> the third field's type
     * @param <D> the fourth field's type
     * @param <E> the fifth field's type
     * @param <F> the sixth field's type
     * @param <T> the struct's type
     * @param a    the first field's codec
     * @param getA reads the first field from a value
     * @param b    the second field's codec
     * @param getB reads the second field from a value
     * @param c    the third field's codec
     * @param getC reads the third field from a value
     * @param d    the fourth field's codec
     * @param getD reads the fourth field from a value
     * @param e    the fifth field's codec
     * @param getE reads the fifth field from a value
     * @param f    the sixth field's codec
     * @param getF reads the sixth field from a value
     * @param ctor makes a value from the decoded fields, in order
     * @return the struct's codec
     */
    @SuppressWarnings("unchecked") // each value was decoded by the codec of its own type
    public static <A, B, C, D, E, F, T> ScaleCodec<T> record(
            ScaleCodec<A> a, Function<? super T, ? extends A> getA,
            ScaleCodec<B> b, Function<? super T, ? extends B> getB,
            ScaleCodec<C> c, Function<? super T, ? extends C> getC,
            ScaleCodec<D> d, Function<? super T, ? extends D> getD,
            ScaleCodec<E> e, Function<? super T, ? extends E> getE,
            ScaleCodec<F> f, Function<? super T, ? extends F> getF,
            Constructor6<? super A, ? super B, ? super C, ? super D, ? super E, ? super F, ? extends T> ctor) {
        Objects.requireNonNull(ctor, "ctor");
        return new RecordCodec<T>(List.of(field(a, getA), field(b, getB), field(c, getC), field(d, getD), field(e, getE),
                field(f, getF)),
                v -> ctor.create((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4], (F) v[5]));
    }

    /**
     * Makes a value from 3 decoded fields, for {@link #record}; a record's canonical constructor fits.
     * Runs on the decoding thread; must not block.
     */
    @FunctionalInterface
    public interface Constructor3<A, B, C, T> {
        /**
         * The value made of these fields; a runtime exception means the fields are invalid.
         *
         * @param a the first field
         * @param b the second field
         * @param c the third field
         * @return the value
         */
        T create(A a, B b, C c);
    }

    /**
     * Makes a value from 4 decoded fields, for {@link #record}; a record's canonical constructor fits.
     * Runs on the decoding thread; must not block.
     */
    @FunctionalInterface
    public interface Constructor4<A, B, C, D, T> {
        /**
         * The value made of these fields; a runtime exception means the fields are invalid.
         *
         * @param a the first field
         * @param b the second field
         * @param c the third field
         * @param d the fourth field
         * @return the value
         */
        T create(A a, B b, C c, D d);
    }

    /**
     * Makes a value from 5 decoded fields, for {@link #record}; a record's canonical constructor fits.
     * Runs on the decoding thread; must not block.
     */
    @FunctionalInterface
    public interface Constructor5<A, B, C, D, E, T> {
        /**
         * The value made of these fields; a runtime exception means the fields are invalid.
         *
         * @param a the first field
         * @param b the second field
         * @param c the third field
         * @param d the fourth field
         * @param e the fifth field
         * @return the value
         */
        T create(A a, B b, C c, D d, E e);
    }

    /**
     * Makes a value from 6 decoded fields, for {@link #record}; a record's canonical constructor fits.
     * Runs on the decoding thread; must not block.
     */
    @FunctionalInterface
    public interface Constructor6<A, B, C, D, E, F, T> {
        /**
         * The value made of these fields; a runtime exception means the fields are invalid.
         *
         * @param a the first field
         * @param b the second field
         * @param c the third field
         * @param d the fourth field
         * @param e the fifth field
         * @param f the sixth field
         * @return the value
         */
        T create(A a, B b, C c, D d, E e, F f);
    }
}
