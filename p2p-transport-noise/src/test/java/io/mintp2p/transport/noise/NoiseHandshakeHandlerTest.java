package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handshake handler alone, in an embedded channel on virtual time: what it writes, when it gives up, and what it
 * hands to the record layer.
 */
class NoiseHandshakeHandlerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final List<SslHandshakeCompletionEvent> events = new ArrayList<>();
    /** What the record layer passed on: plaintext behind message 3. */
    private final List<ByteBuf> passedOn = new ArrayList<>();
    private final List<String> order = new ArrayList<>();
    private final NoiseKeyPair responderKey = NoiseKeyPair.generate(new SecureRandom());
    private EmbeddedChannel channel;

    @AfterEach
    void releaseWhatIsLeft() {
        channel.finishAndReleaseAll();
    }

    private EmbeddedChannel responderChannel() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast("security", new NoiseHandshakeHandler(NoiseHandshake.responder(responderKey), TIMEOUT));
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof SslHandshakeCompletionEvent e) {
                    events.add(e);
                    order.add("open");
                    if (e.isSuccess()) {
                        // As the node does: a dial's Hello leaves from within the open.
                        ctx.writeAndFlush(Unpooled.wrappedBuffer("hello back".getBytes(StandardCharsets.US_ASCII)));
                    }
                }
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                passedOn.add((ByteBuf) msg);
                order.add("read");
            }
        });
        channel.pipeline().fireChannelActive();
        return channel;
    }

    /** An initiator that sent message one to the channel's responder and read its message two. */
    private static NoiseHandshake initiatorAfterMessageTwo(EmbeddedChannel channel) throws Exception {
        NoiseHandshake initiator = NoiseHandshake.initiator(NoiseKeyPair.generate(new SecureRandom()));
        channel.writeInbound(framed(initiator.writeMessage(new byte[0])));
        ByteBuf second = channel.readOutbound();
        second.skipBytes(2);
        byte[] m2 = new byte[second.readableBytes()];
        second.readBytes(m2);
        second.release();
        initiator.readMessage(m2);
        return initiator;
    }

    private static ByteBuf framed(byte[] message) {
        return Unpooled.buffer().writeShortLE(message.length).writeBytes(message);
    }

    private CloseReason failure() {
        assertThat(events).singleElement().satisfies(e -> assertThat(e.isSuccess()).isFalse());
        return ((NoiseFailure) events.get(0).cause()).reason();
    }

    @Test
    void aTruncatedHandshakeFailsAtTheDeadlineOnVirtualTime() {
        EmbeddedChannel channel = responderChannel();
        NoiseHandshake initiator = NoiseHandshake.initiator(NoiseKeyPair.generate(new SecureRandom()));
        byte[] first = initiator.writeMessage(new byte[0]);
        channel.writeInbound(framed(first).writeShortLE(NoiseHandshake.MESSAGE_3_BYTES).writeZero(10));
        channel.advanceTimeBy(TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(events).isEmpty();
        assertThat(channel.isActive()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(failure().code()).isEqualTo(DisconnectReason.NOISE_TIMEOUT);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void nonNoiseBytesFailOnTheirFirstTwoBytes() {
        EmbeddedChannel channel = responderChannel();
        channel.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes()));
        CloseReason reason = failure();
        assertThat(reason.code()).isEqualTo(DisconnectReason.NOISE_FAILED);
        assertThat(reason.detail()).contains("expected 32");
        assertThat(channel.isActive()).isFalse();
        assertThat((Object) channel.readOutbound()).as("no answer to a stranger").isNull();
    }

    @Test
    void aForgedThirdMessageFails() throws Exception {
        EmbeddedChannel channel = responderChannel();
        NoiseHandshake initiator = initiatorAfterMessageTwo(channel);
        byte[] third = initiator.writeMessage(new byte[0]);
        third[5] ^= 1;
        channel.writeInbound(framed(third));
        assertThat(failure().code()).isEqualTo(DisconnectReason.NOISE_FAILED);
    }

    @Test
    void theBytesAfterMessageThreeReachTheRecordLayerAfterTheConnectionOpened() throws Exception {
        EmbeddedChannel channel = responderChannel();
        NoiseHandshake initiator = initiatorAfterMessageTwo(channel);
        ByteBuf flight = framed(initiator.writeMessage(new byte[0]));
        NoiseSession session = initiator.split();
        flight.writeShortLE(5 + NoiseSession.TAG);
        session.encrypt(Unpooled.wrappedBuffer("hello".getBytes()), 5, flight);

        channel.writeInbound(flight);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.isSuccess()).isTrue());
        assertThat(channel.pipeline().get("security")).isInstanceOf(NoiseRecordHandler.class);
        assertThat(order).as("the connection opens before its first bytes arrive").containsExactly("open", "read");
        assertThat(passedOn).singleElement().satisfies(b -> assertThat(b.toString(StandardCharsets.US_ASCII))
                .isEqualTo("hello"));
        ByteBuf answer = channel.readOutbound();
        int length = answer.readUnsignedShortLE();
        ByteBuf plain = Unpooled.buffer();
        session.decrypt(answer, length, plain);
        assertThat(plain.toString(StandardCharsets.US_ASCII)).as("what is written at the open is encrypted")
                .isEqualTo("hello back");
        answer.release();
        channel.advanceTimeBy(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).as("the deadline went with the handshake").isTrue();
        passedOn.forEach(ByteBuf::release);
    }

    @Test
    void aPeerClosingMidHandshakeIsANoiseFailure() {
        EmbeddedChannel channel = responderChannel();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {32, 0, 1, 2}));
        channel.close();
        assertThat(failure().code()).isEqualTo(DisconnectReason.NOISE_FAILED);
    }
}
