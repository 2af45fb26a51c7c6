package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the codec over random messages and random or mutated bytes. */
class CodecPropertiesTest {
    static final MessageType<String> TEXT = MessageType.of(64, "text", 1L << 16, String.class,
            (s, w) -> w.string(s), r -> r.string(1000));
    private final MessageCodec codec = new MessageCodec(MessageRegistry.builder().register(TEXT).build());

    @Property(tries = 1000)
    void decodeOfEncodeIsIdentity(@ForAll("messages") Message message) throws DecodeException {
        ByteBuf payload = codec.encode(message, UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(payload.readableBytes()).isLessThanOrEqualTo(WireLimits.MAX_FRAME_PAYLOAD);
            assertThat(codec.decode(payload)).isEqualTo(message);
        } finally {
            payload.release();
        }
    }

    @Property(tries = 3000)
    void randomBytesGiveAMessageOrADecodeException(@ForAll @Size(max = 200) byte[] bytes) {
        assertOnlyTypedOutcomes(bytes);
    }

    @Property(tries = 3000)
    void mutatedEncodingsGiveAMessageOrADecodeException(@ForAll("messages") Message message,
                                                        @ForAll @IntRange(min = 0, max = 10_000) int position,
                                                        @ForAll byte value, @ForAll boolean truncate) {
        ByteBuf payload = codec.encode(message, UnpooledByteBufAllocator.DEFAULT);
        byte[] bytes = new byte[payload.readableBytes()];
        payload.readBytes(bytes);
        payload.release();
        int at = position % bytes.length;
        if (truncate) {
            bytes = java.util.Arrays.copyOf(bytes, at);
        } else {
            bytes[at] = value;
        }
        assertOnlyTypedOutcomes(bytes);
    }

    private void assertOnlyTypedOutcomes(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            Message decoded = codec.decode(in);
            assertThat(decoded).isNotNull();
        } catch (DecodeException expected) {
            assertThat(expected.banScore()).isEqualTo(100);
        } finally {
            in.release();
        }
    }

    @Provide
    Arbitrary<Message> messages() {
        return Arbitraries.oneOf(hellos(), helloAcks(),
                Arbitraries.longs().map(PingRequest::new), Arbitraries.longs().map(PingResponse::new),
                addresses().map(AnnounceAddrRequest::new), Arbitraries.just(new AddrListRequest()),
                addresses().list().ofMaxSize(40).map(AddrListResponse::new),
                text(300).map(WillDisconnect::new), text(300).map(TEXT::message));
    }

    private static Arbitrary<String> text(int max) {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(max);
    }

    private static Arbitrary<PeerAddress> addresses() {
        Arbitrary<Integer> ports = Arbitraries.integers().between(0, 65535);
        Arbitrary<PeerAddress> v4 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(4), ports)
                .as(PeerAddress::ipv4);
        Arbitrary<PeerAddress> v6 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(16), ports)
                .as(PeerAddress::ipv6);
        return Arbitraries.oneOf(v4, v6);
    }

    private static Arbitrary<String> userAgents() {
        return Arbitraries.strings().withCharRange((char) 0x21, (char) 0x7E).ofMinLength(1).ofMaxLength(24);
    }

    private static Arbitrary<SemVer> semvers() {
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 65535)).as(SemVer::new);
    }

    private static Arbitrary<Hello> hellos() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().map(NetworkMagic::new),
                Arbitraries.longs(), userAgents(), semvers(), addresses().optional(), Arbitraries.longs(),
                Arbitraries.longs()).as(Hello::new);
    }

    private static Arbitrary<HelloAck> helloAcks() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().map(NetworkMagic::new),
                Arbitraries.longs(), userAgents(), semvers(), addresses().optional(), Arbitraries.longs())
                .as(HelloAck::new);
    }

    @Property(tries = 50)
    void registryRefusesReservedAndDuplicateIndices(@ForAll @IntRange(min = 0, max = 13) int reserved) {
        MessageType<String> bad = MessageType.of(reserved, "bad", 1L << 20, String.class, (s, w) -> { }, r -> "");
        assertThat(List.of(reserved)).allSatisfy(i ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> MessageRegistry.builder().register(bad))
                        .hasMessageContaining("reserved"));
    }
}
