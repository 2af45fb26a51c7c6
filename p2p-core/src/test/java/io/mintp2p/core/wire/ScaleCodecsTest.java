package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ready codecs of {@link ScaleCodecs} and its record builders, through bytes and through a registered message type. */
class ScaleCodecsTest {
    private static <T> String encode(ScaleCodec<T> codec, T value) {
        ByteBuf out = Unpooled.buffer();
        codec.encode(value, new ScaleWriter(out));
        return ByteBufUtil.hexDump(out);
    }

    private static <T> T decode(ScaleCodec<T> codec, String hex) throws DecodeException {
        ScaleReader r = new ScaleReader(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
        T value = codec.decode(r);
        r.requireFullyConsumed();
        return value;
    }

    private static <T> void roundTrip(ScaleCodec<T> codec, T value, String hex) throws DecodeException {
        assertThat(encode(codec, value)).isEqualTo(hex);
        assertThat(decode(codec, hex)).isEqualTo(value);
    }

    @Test
    void numbersAndBool() throws DecodeException {
        roundTrip(ScaleCodecs.u8(), 255, "ff");
        roundTrip(ScaleCodecs.u16(), 0x0102, "0201");
        roundTrip(ScaleCodecs.u32(), 0xFFFF_FFFEL, "feffffff");
        roundTrip(ScaleCodecs.u64(), -1L, "ffffffffffffffff");
        roundTrip(ScaleCodecs.bool(), true, "01");
        roundTrip(ScaleCodecs.compactU32(), 64L, "0101");
        roundTrip(ScaleCodecs.compactU64(), 1L << 32, "070000000001");
        roundTrip(ScaleCodecs.string(10), "héllo", "18" + "68c3a96c6c6f");
        roundTrip(ScaleCodecs.peerAddress(), PeerAddress.ipv4(0x01020304, 13031), "0001020304e732");
    }

    @Test
    void numbersOutOfTheirRangeAreRefusedOnEncode() {
        assertThatThrownBy(() -> encode(ScaleCodecs.u8(), 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("u8 out of range: 256");
        assertThatThrownBy(() -> encode(ScaleCodecs.u16(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode(ScaleCodecs.u32(), 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode(ScaleCodecs.compactU32(), 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boolOtherThanZeroOrOneIsADecodeError() {
        assertThatThrownBy(() -> decode(ScaleCodecs.bool(), "02")).isInstanceOf(DecodeException.class);
    }

    @Test
    void bytesAndStringKeepTheirBound() throws DecodeException {
        assertThat(decode(ScaleCodecs.bytes(3), "0c010203")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> decode(ScaleCodecs.bytes(2), "0c010203")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("exceeds the limit 2");
        assertThatThrownBy(() -> decode(ScaleCodecs.string(2), "0c616263")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("exceeds the limit 2");
    }

    @Test
    void fixedChecksItsLengthBothWays() throws DecodeException {
        assertThat(encode(ScaleCodecs.fixed(4), new byte[] {1, 2, 3, 4})).isEqualTo("01020304");
        assertThat(decode(ScaleCodecs.fixed(4), "01020304")).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> encode(ScaleCodecs.fixed(4), new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decode(ScaleCodecs.fixed(4), "010203")).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> decode(ScaleCodecs.fixed(4), "0102030405")).as("the fifth byte is left over")
                .isInstanceOf(DecodeException.class).hasMessageContaining("still data left");
    }

    @Test
    void listRoundTripsAndRefusesMoreThanItsBound() throws DecodeException {
        ScaleCodec<List<Long>> codec = ScaleCodecs.list(ScaleCodecs.u32(), 2);
        roundTrip(codec, List.of(1L, 2L), "08" + "01000000" + "02000000");
        assertThatThrownBy(() -> decode(codec, "0c" + "01000000".repeat(3))).isInstanceOf(DecodeException.class)
                .hasMessage("list of 3 items exceeds the limit 2");
    }

    @Test
    void optionIsAnOptional() throws DecodeException {
        ScaleCodec<Optional<Integer>> codec = ScaleCodecs.option(ScaleCodecs.u8());
        roundTrip(codec, Optional.of(7), "0107");
        roundTrip(codec, Optional.empty(), "00");
        assertThatThrownBy(() -> decode(codec, "0207")).isInstanceOf(DecodeException.class);
    }

    @Test
    void negativeBoundsAreTheCallersBug() {
        assertThatThrownBy(() -> ScaleCodecs.list(ScaleCodecs.u8(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScaleCodecs.fixed(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScaleCodecs.bytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScaleCodecs.string(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- records: the example of docs/message-types.md, then one record per arity ---

    record Header(byte[] parent, long height, byte[] hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && Arrays.equals(parent, h.parent) && height == h.height && Arrays.equals(hash, h.hash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(parent), height, Arrays.hashCode(hash));
        }
    }

    static final ServiceFlags CHAIN_BIT = ServiceFlags.application(20);
    static final ScaleCodec<Header> HEADER = ScaleCodecs.record(
            ScaleCodecs.fixed(32), Header::parent, ScaleCodecs.u64(), Header::height, ScaleCodecs.fixed(32), Header::hash, Header::new);
    static final MessageType<List<Header>> HEADERS = MessageType.of(65, "headers", CHAIN_BIT, ScaleCodecs.list(HEADER, 2000));

    @Test
    void theDocumentedHeadersTypeRoundTripsThroughTheMessageCodec() throws DecodeException {
        byte[] zero = new byte[32];
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 1);
        List<Header> headers = List.of(new Header(zero, 1, ones), new Header(ones, 2, zero));
        MessageCodec codec = new MessageCodec(MessageRegistry.builder().register(HEADERS).build());
        ByteBuf payload = codec.encode(HEADERS.message(headers), UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(payload.readableBytes()).as("index, count, 2 x (32 + 8 + 32)").isEqualTo(1 + 1 + 2 * 72);
            AppMessage<?> back = (AppMessage<?>) codec.decode(payload);
            assertThat(back.type()).isSameAs(HEADERS);
            assertThat(back.body()).isEqualTo(headers);
        } finally {
            payload.release();
        }
    }

    record One(String a) {
    }

    record Two(int a, String b) {
    }

    record Four(int a, int b, long c, boolean d) {
    }

    record Five(int a, int b, long c, boolean d, Optional<Integer> e) {
    }

    record Six(int a, int b, long c, boolean d, Optional<Integer> e, List<String> f) {
    }

    @Test
    void recordsOfOneToSixFieldsAreTheirFieldsInOrder() throws DecodeException {
        roundTrip(ScaleCodecs.record(ScaleCodecs.string(5), One::a, One::new), new One("ab"), "086162");
        roundTrip(ScaleCodecs.record(ScaleCodecs.u8(), Two::a, ScaleCodecs.string(5), Two::b, Two::new),
                new Two(9, "ab"), "09" + "086162");
        roundTrip(HEADER, new Header(new byte[32], 258, new byte[32]), "00".repeat(32) + "0201000000000000" + "00".repeat(32));
        roundTrip(ScaleCodecs.record(ScaleCodecs.u8(), Four::a, ScaleCodecs.u16(), Four::b, ScaleCodecs.u32(), Four::c,
                ScaleCodecs.bool(), Four::d, Four::new), new Four(1, 2, 3, true), "01" + "0200" + "03000000" + "01");
        roundTrip(ScaleCodecs.record(ScaleCodecs.u8(), Five::a, ScaleCodecs.u16(), Five::b, ScaleCodecs.u32(), Five::c,
                ScaleCodecs.bool(), Five::d, ScaleCodecs.option(ScaleCodecs.u8()), Five::e, Five::new),
                new Five(1, 2, 3, false, Optional.of(4)), "01" + "0200" + "03000000" + "00" + "0104");
        roundTrip(ScaleCodecs.record(ScaleCodecs.u8(), Six::a, ScaleCodecs.u16(), Six::b, ScaleCodecs.u32(), Six::c,
                ScaleCodecs.bool(), Six::d, ScaleCodecs.option(ScaleCodecs.u8()), Six::e,
                ScaleCodecs.list(ScaleCodecs.string(3), 2), Six::f, Six::new),
                new Six(1, 2, 3, true, Optional.empty(), List.of("x", "yz")), "01" + "0200" + "03000000" + "01" + "00"
                        + "08" + "0478" + "08797a");
    }

    record Positive(int value) {
        Positive {
            if (value == 0) {
                throw new IllegalArgumentException("zero");
            }
        }
    }

    @Test
    void aConstructorRefusingItsFieldsMakesADecodeError() {
        ScaleCodec<Positive> codec = ScaleCodecs.record(ScaleCodecs.u8(), Positive::value, Positive::new);
        assertThatThrownBy(() -> decode(codec, "00")).isInstanceOf(DecodeException.class)
                .hasMessage("record refused its fields: zero");
    }

    @Test
    void aRecordWithATruncatedFieldIsADecodeError() {
        assertThatThrownBy(() -> decode(HEADER, "00".repeat(40))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("Not enough data");
    }
}
