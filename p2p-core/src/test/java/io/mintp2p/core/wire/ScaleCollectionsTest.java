package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code Vec<T>}, {@code [u8; N]} and {@code Option<T>} on {@link ScaleWriter} and {@link ScaleReader}, bounds first. */
class ScaleCollectionsTest {
    private static ScaleReader reader(String hex) {
        return new ScaleReader(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", ""))));
    }

    private static String hex(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    @Test
    void listOfU32RoundTrips() throws DecodeException {
        ByteBuf out = Unpooled.buffer();
        new ScaleWriter(out).list(List.of(1L, 258L, 0xFFFF_FFFFL), (v, w) -> w.u32(v));
        assertThat(hex(out)).isEqualTo("0c" + "01000000" + "02010000" + "ffffffff");
        ScaleReader r = new ScaleReader(out);
        assertThat(r.list(ScaleReader::u32, 3)).containsExactly(1L, 258L, 0xFFFF_FFFFL);
        r.requireFullyConsumed();
    }

    @Test
    void emptyListIsOneByte() throws DecodeException {
        ByteBuf out = Unpooled.buffer();
        new ScaleWriter(out).list(List.<Long>of(), (v, w) -> w.u32(v));
        assertThat(hex(out)).isEqualTo("00");
        assertThat(new ScaleReader(out).list(ScaleReader::u32, 0)).isEmpty();
    }

    @Test
    void countOverTheBoundFailsBeforeAnyItemIsRead() {
        AtomicInteger itemsRead = new AtomicInteger();
        ScaleDecoder<Integer> counting = in -> {
            itemsRead.incrementAndGet();
            return in.u8();
        };
        assertThatThrownBy(() -> reader("0c 01 02 03").list(counting, 2))
                .isInstanceOf(DecodeException.class).hasMessage("list of 3 items exceeds the limit 2");
        assertThat(itemsRead).hasValue(0);
    }

    @Test
    void exactlyTheBoundIsAccepted() throws DecodeException {
        assertThat(reader("0c 01 02 03").list(ScaleReader::u8, 3)).containsExactly(1, 2, 3);
    }

    /**
     * A count of 2^30 - 1 within a bound of the same size, with two bytes behind it: the reader must
     * fail once the bytes run out, after two items, not pre-allocate a billion slots (which would throw
     * OutOfMemoryError here, not DecodeException).
     */
    @Test
    void hugeAnnouncedCountWithFewBytesFailsAfterTheBytesRunOut() {
        AtomicInteger itemsRead = new AtomicInteger();
        ScaleDecoder<Integer> counting = in -> {
            int v = in.u8();
            itemsRead.incrementAndGet();
            return v;
        };
        assertThatThrownBy(() -> reader("feffffff 01 02").list(counting, Integer.MAX_VALUE))
                .isInstanceOf(DecodeException.class).hasMessageContaining("Not enough data");
        assertThat(itemsRead).hasValue(2);
    }

    @Test
    void countBeyondCompactU32IsADecodeError() {
        assertThatThrownBy(() -> reader("07 00000000 01").list(ScaleReader::u8, Integer.MAX_VALUE))
                .isInstanceOf(DecodeException.class).hasMessageContaining("out of range decoding Compact");
    }

    @Test
    void nullItemIsADecodeError() {
        assertThatThrownBy(() -> reader("04 01").list(in -> {
            in.u8();
            return null;
        }, 1)).isInstanceOf(DecodeException.class).hasMessageContaining("decoder returned null");
    }

    @Test
    void decodedListIsUnmodifiable() throws DecodeException {
        List<Integer> list = reader("04 07").list(ScaleReader::u8, 1);
        assertThatThrownBy(() -> list.add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void negativeBoundIsTheCallersBug() {
        assertThatThrownBy(() -> reader("00").list(ScaleReader::u8, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listOfListsNests() throws DecodeException {
        List<List<Integer>> value = List.of(List.of(1, 2), List.of(), List.of(3));
        ByteBuf out = Unpooled.buffer();
        new ScaleWriter(out).list(value, (inner, w) -> w.list(inner, (v, w2) -> w2.u8(v)));
        assertThat(hex(out)).isEqualTo("0c" + "08 01 02".replace(" ", "") + "00" + "0403");
        assertThat(new ScaleReader(out).list(in -> in.list(ScaleReader::u8, 2), 3)).isEqualTo(value);
    }

    @Test
    void fixedWritesExactlyNBytesWithoutPrefix() throws DecodeException {
        ByteBuf out = Unpooled.buffer();
        new ScaleWriter(out).fixed(new byte[] {1, 2, 3, 4}, 4);
        assertThat(hex(out)).isEqualTo("01020304");
        ScaleReader r = new ScaleReader(out);
        assertThat(r.fixed(4)).containsExactly(1, 2, 3, 4);
        r.requireFullyConsumed();
    }

    @Test
    void fixedOfTheWrongLengthIsRefusedOnWrite() {
        ByteBuf out = Unpooled.buffer();
        ScaleWriter w = new ScaleWriter(out);
        assertThatThrownBy(() -> w.fixed(new byte[3], 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a [u8; 4] needs exactly 4 bytes, got 3");
        assertThatThrownBy(() -> w.fixed(new byte[5], 4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(out.readableBytes()).as("nothing written").isZero();
    }

    @Test
    void fixedWithTooFewBytesIsADecodeError() {
        assertThatThrownBy(() -> reader("010203").fixed(4)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("Not enough data");
    }

    @Test
    void optionRoundTripsBothWays() throws DecodeException {
        ByteBuf out = Unpooled.buffer();
        new ScaleWriter(out).option(7, (v, w) -> w.u8(v)).option((Integer) null, (v, w) -> w.u8(v));
        assertThat(hex(out)).isEqualTo("0107" + "00");
        ScaleReader r = new ScaleReader(out);
        assertThat(r.option(ScaleReader::u8)).isEqualTo(7);
        assertThat(r.option(ScaleReader::u8)).isNull();
        r.requireFullyConsumed();
    }

    @Test
    void optionWithAnotherTagIsADecodeError() {
        assertThatThrownBy(() -> reader("02 07").option(ScaleReader::u8)).isInstanceOf(DecodeException.class)
                .hasMessage("Invalid Option representation: 2");
        assertThatThrownBy(() -> reader("").option(ScaleReader::u8)).isInstanceOf(DecodeException.class);
    }

    @Test
    void someDecodedAsNullIsADecodeError() {
        assertThatThrownBy(() -> reader("01").option(in -> null)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("decoder returned null");
    }

    /** Items of zero bytes: a count within the bound gives that many, so the bound alone limits the list. */
    @Test
    void zeroByteItemsAreBoundedByMaxItems() throws DecodeException {
        record Unit() {
        }
        List<Unit> units = reader("fd 0f").list(in -> new Unit(), 1023);
        assertThat(units).hasSize(1023);
        assertThatThrownBy(() -> reader("01 10").list(in -> new Unit(), 1023)).isInstanceOf(DecodeException.class)
                .hasMessage("list of 1024 items exceeds the limit 1023");
    }
}
