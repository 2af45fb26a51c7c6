package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class MessageRegistryTest {
    static MessageType<String> type(int index, String name, int bit) {
        return MessageType.of(index, name, ServiceFlags.application(bit), (s, w) -> w.string(s), r -> r.string(100));
    }

    @Test
    void duplicateIndexNamesBothTypes() {
        assertThatThrownBy(() -> MessageRegistry.builder().register(type(64, "a", 16)).register(type(64, "b", 17)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("message types 'a' and 'b' both use index 64");
    }

    @Test
    void duplicateNameIsRefused() {
        assertThatThrownBy(() -> MessageRegistry.builder().register(type(64, "a", 16)).register(type(65, "a", 17)))
                .hasMessageContaining("two message types are named 'a'");
    }

    @Test
    void reservedIndicesAreRefused() {
        for (int i : new int[] {0, 5, 11, 13, 255}) {
            assertThatThrownBy(() -> MessageRegistry.builder().register(type(i, "x", 16)))
                    .hasMessageContaining("reserved");
        }
    }

    @Test
    void serviceBitsAreCombined() {
        MessageRegistry r = MessageRegistry.builder().register(type(64, "a", 16)).register(type(65, "b", 17)).build();
        assertThat(r.services()).isEqualTo(ServiceFlags.of((1L << 16) | (1L << 17)));
    }

    /** A protocol normally puts all its types, requests and responses alike, on one bit: the registry allows it. */
    @Test
    void typesMayShareOneServiceBit() throws DecodeException {
        MessageType<String> request = type(64, "request", 20);
        MessageType<String> response = type(65, "response", 20);
        MessageType<String> announce = type(66, "announce", 20);
        MessageRegistry r = MessageRegistry.builder().register(request).register(response).register(announce).build();
        assertThat(r.types()).containsExactly(request, response, announce);
        assertThat(r.services()).isEqualTo(ServiceFlags.application(20));
        MessageCodec codec = new MessageCodec(r);
        ByteBuf payload = codec.encode(response.message("ok"), UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(((AppMessage<?>) codec.decode(payload)).type()).isSameAs(response);
        } finally {
            payload.release();
        }
    }

    @Test
    void indicesFourteenToTwoFiftyFourAreOpen() {
        MessageRegistry r = MessageRegistry.builder().register(type(14, "first", 16)).register(type(254, "last", 16)).build();
        assertThat(r.byIndex(14)).isPresent();
        assertThat(r.byIndex(254)).isPresent();
    }

    @Test
    void unregisteredIndexIsADecodeErrorAndUnregisteredTypeCannotBeSent() {
        MessageCodec codec = MessageCodec.controlOnly();
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {64, 0});
        assertThatThrownBy(() -> codec.decode(payload)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> codec.encode(type(64, "a", 16).message("x"), UnpooledByteBufAllocator.DEFAULT))
                .hasMessageContaining("not registered");
    }

    @Test
    void buggyApplicationDecoderBecomesADecodeException() {
        MessageType<String> buggy = MessageType.of(64, "buggy", ServiceFlags.application(16), (s, w) -> { }, r -> {
            throw new IllegalStateException("boom");
        });
        MessageCodec codec = new MessageCodec(MessageRegistry.builder().register(buggy).build());
        assertThatThrownBy(() -> codec.decode(Unpooled.wrappedBuffer(new byte[] {64})))
                .isInstanceOf(DecodeException.class).hasMessageContaining("boom");
    }

    @Test
    void oversizedMessageIsRefusedOnEncode() {
        MessageType<String> big = MessageType.of(64, "big", ServiceFlags.application(16),
                (s, w) -> w.raw(new byte[11 << 20]),
                r -> "");
        MessageCodec codec = new MessageCodec(MessageRegistry.builder().register(big).build());
        assertThatThrownBy(() -> codec.encode(big.message("x"), UnpooledByteBufAllocator.DEFAULT))
                .hasMessageContaining("over the maximum frame payload");
    }
}
