package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.ServiceFlags;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request types on the wire, protocols' checks, and the registry of what each wire type is to them. */
class ProtocolTypesTest {
    static final ServiceFlags BIT = ServiceFlags.application(20);
    static final ScaleCodec<String> TEXT = ScaleCodec.of((s, w) -> w.string(s), r -> r.string(100));
    static final RequestType<String, String> ECHO = RequestType.correlated("echo", 80, 81, BIT, TEXT, TEXT);
    static final MessageType<String> ASK = MessageType.of(84, "ask", BIT, TEXT);
    static final MessageType<String> TELL = MessageType.of(85, "tell", BIT, TEXT);

    @Test
    void aCorrelatedRequestIsItsIndexAU32LittleEndianIdThenTheBody() throws Exception {
        MessageCodec codec = new MessageCodec(MessageRegistry.builder().register(ECHO.requestWire())
                .register(ECHO.responseWire()).build());
        ByteBuf out = codec.encode(wire(ECHO.requestWire(), new Tagged<>(0x01020304L, "hi")), UnpooledByteBufAllocator.DEFAULT);
        // index 80, id 04 03 02 01, then SCALE "hi": compact length 2 (0x08), 'h', 'i'
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("50" + "04030201" + "08" + "6869");
        AppMessage<?> back = (AppMessage<?>) codec.decode(out);
        assertThat(back.body()).isEqualTo(new Tagged<>(0x01020304L, "hi"));
        out.release();
        ByteBuf max = codec.encode(wire(ECHO.responseWire(), new Tagged<>(0xFFFF_FFFFL, "")), UnpooledByteBufAllocator.DEFAULT);
        assertThat(((Tagged<?>) ((AppMessage<?>) codec.decode(max)).body()).id()).isEqualTo(0xFFFF_FFFFL);
        max.release();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AppMessage<?> wire(MessageType<?> type, Object body) {
        return ((MessageType) type).message(body);
    }

    @Test
    void requestTypesRefuseWhatCannotBeMatched() {
        assertThatThrownBy(() -> RequestType.correlated("x", 80, 80, BIT, TEXT, TEXT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestType.ordered(ASK, ASK)).isInstanceOf(IllegalArgumentException.class);
        MessageType<String> otherBit = MessageType.of(86, "other", ServiceFlags.application(21), TEXT);
        assertThatThrownBy(() -> RequestType.ordered(ASK, otherBit)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestType.ordered(ASK, TELL).isCorrelated()).isFalse();
        assertThat(ECHO.service()).isEqualTo(BIT);
    }

    @Test
    void aProtocolHoldsOnlyTypesOfItsServiceBitAndNoIndexTwice() {
        MessageType<String> otherBit = MessageType.of(86, "other", ServiceFlags.application(21), TEXT);
        assertThatThrownBy(() -> Protocol.builder("p", 1, BIT).messages(otherBit)).isInstanceOf(IllegalArgumentException.class);
        RequestType<String, String> wrongBit = RequestType.correlated("w", 90, 91, ServiceFlags.application(21), TEXT, TEXT);
        assertThatThrownBy(() -> Protocol.builder("p", 1, BIT).requests(wrongBit)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Protocol.builder("p", 1, ServiceFlags.BLOCKS)).isInstanceOf(IllegalArgumentException.class);
        MessageType<String> clash = MessageType.of(80, "clash", BIT, TEXT);
        assertThatThrownBy(() -> Protocol.builder("p", 1, BIT).messages(clash).requests(ECHO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Protocol.builder("p", 1, BIT).maxRequestsInFlight(0, 1)).isInstanceOf(IllegalArgumentException.class);

        RequestType<String, String> ordered = RequestType.ordered(ASK, TELL);
        Protocol p = Protocol.builder("p", 1, BIT).messages(ASK, TELL).requests(ECHO, ordered).build();
        assertThat(p.wireTypes()).containsExactly(ASK, TELL, ECHO.requestWire(), ECHO.responseWire());
    }

    @Test
    void theSetSaysWhatEachWireTypeIsAndRefusesSharedBitsOrResponses() {
        RequestType<String, String> ordered = RequestType.ordered(ASK, TELL);
        Protocol p = Protocol.builder("p", 1, BIT).requests(ECHO, ordered).build();
        ProtocolSet set = ProtocolSet.of(List.of(p));
        assertThat(set.roleOf(ECHO.responseWire()).response()).isTrue();
        assertThat(set.roleOf(ASK).response()).isFalse();
        assertThat(set.roleOf(ASK).type()).isSameAs(ordered);
        assertThat(set.roleOf(MessageType.of(84, "same index, another type", BIT, TEXT))).isNull();
        assertThat(set.protocolOf(ECHO)).isZero();
        assertThat(set.protocolOf(RequestType.correlated("echo", 80, 81, BIT, TEXT, TEXT))).isEqualTo(-1);

        Protocol sameBit = Protocol.builder("q", 1, BIT).build();
        assertThatThrownBy(() -> ProtocolSet.of(List.of(p, sameBit))).isInstanceOf(IllegalArgumentException.class);
        RequestType<String, String> sharesTell = RequestType.ordered(MessageType.of(87, "ask2", BIT, TEXT), TELL);
        Protocol twoAnswersAlike = Protocol.builder("r", 1, BIT).requests(ordered, sharesTell).build();
        assertThatThrownBy(() -> ProtocolSet.of(List.of(twoAnswersAlike))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestIdsSkipTheOnesInFlightAcrossTheU32Wrap() throws Exception {
        PeerProtocols peer = new PeerProtocols(1);
        java.lang.reflect.Field next = PeerProtocols.class.getDeclaredField("nextId");
        next.setAccessible(true);
        ((java.util.concurrent.atomic.AtomicLong) next.get(peer)).set(0xFFFF_FFFEL);
        PendingRequest<String> a = new PendingRequest<>(ECHO, 0, null);
        PendingRequest<String> b = new PendingRequest<>(ECHO, 0, null);
        peer.register(a);
        peer.register(b);
        assertThat(List.of(a.id, b.id)).containsExactly(0xFFFF_FFFEL, 0xFFFF_FFFFL);
        PendingRequest<String> c = new PendingRequest<>(ECHO, 0, null);
        peer.register(c);
        assertThat(c.id).isZero();
        // Still in flight after a whole turn of the counter: the next id skips it.
        ((java.util.concurrent.atomic.AtomicLong) next.get(peer)).set(0x1_0000_0000L * 3 + 0xFFFF_FFFFL);
        PendingRequest<String> d = new PendingRequest<>(ECHO, 0, null);
        peer.register(d);
        assertThat(d.id).isEqualTo(1);
        assertThat(peer.remove(b)).isTrue();
        assertThat(peer.remove(b)).isFalse();
        assertThat(peer.pendingCount()).isEqualTo(3);

        PendingRequest<String> o1 = new PendingRequest<>(RequestType.ordered(ASK, TELL), 0, null);
        assertThat(peer.registerOrdered(o1)).isTrue();
        assertThat(peer.registerOrdered(new PendingRequest<>(o1.type, 0, null))).isFalse();
    }
}
