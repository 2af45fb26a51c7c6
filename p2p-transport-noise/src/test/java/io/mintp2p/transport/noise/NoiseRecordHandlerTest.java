package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The record layer alone, in an embedded channel, facing a session from the same handshake. */
class NoiseRecordHandlerTest {
    private final NoiseSession[] sessions = handshakenPair();
    private final NoiseSession peer = sessions[1];
    private final List<Throwable> errors = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new NoiseRecordHandler(sessions[0]),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    errors.add(cause);
                }
            });

    @AfterEach
    void releaseWhatIsLeft() {
        channel.finishAndReleaseAll();
    }

    /** An initiator's and a responder's session after a handshake run in memory. */
    static NoiseSession[] handshakenPair() {
        NoiseHandshake i = NoiseHandshake.initiator(NoiseKeyPair.generate(new SecureRandom()));
        NoiseHandshake r = NoiseHandshake.responder(NoiseKeyPair.generate(new SecureRandom()));
        try {
            r.readMessage(i.writeMessage(new byte[0]));
            i.readMessage(r.writeMessage(new byte[0]));
            r.readMessage(i.writeMessage(new byte[0]));
        } catch (NoiseException e) {
            throw new AssertionError(e);
        }
        return new NoiseSession[] {i.split(), r.split()};
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The records in one written buffer, each decrypted by the peer; asserts each is within the limit. */
    private List<byte[]> records(ByteBuf written) throws NoiseException {
        List<byte[]> out = new ArrayList<>();
        while (written.isReadable()) {
            int length = written.readUnsignedShortLE();
            assertThat(length).isBetween(NoiseSession.TAG + 1, NoiseSession.MAX_CIPHERTEXT);
            ByteBuf plain = Unpooled.buffer();
            peer.decrypt(written, length, plain);
            byte[] p = new byte[plain.readableBytes()];
            plain.readBytes(p);
            out.add(p);
        }
        written.release();
        return out;
    }

    @Test
    void framesWrittenUntilAFlushShareOneRecordInOneWrite() throws Exception {
        ChannelFuture a = channel.write(Unpooled.wrappedBuffer(bytes(100, 1)));
        ChannelFuture b = channel.write(Unpooled.wrappedBuffer(bytes(200, 2)));
        ChannelFuture c = channel.write(Unpooled.wrappedBuffer(bytes(300, 3)));
        assertThat((Object) channel.readOutbound()).as("nothing goes out before the flush").isNull();
        channel.flush();

        ByteBuf written = channel.readOutbound();
        assertThat((Object) channel.readOutbound()).as("one write per batch").isNull();
        List<byte[]> records = records(written);
        assertThat(records).hasSize(1);
        byte[] expected = new byte[600];
        System.arraycopy(bytes(100, 1), 0, expected, 0, 100);
        System.arraycopy(bytes(200, 2), 0, expected, 100, 200);
        System.arraycopy(bytes(300, 3), 0, expected, 300, 300);
        assertThat(records.get(0)).isEqualTo(expected);
        assertThat(a.isSuccess() && b.isSuccess() && c.isSuccess()).isTrue();
    }

    @Test
    void aLargeFrameSpansRecordsOfAtMostTheLimit() throws Exception {
        byte[] big = bytes(3 * NoiseSession.MAX_PLAINTEXT + 7, 4);
        channel.writeAndFlush(Unpooled.wrappedBuffer(big));
        List<byte[]> records = records(channel.readOutbound());
        assertThat(records).extracting(r -> r.length)
                .containsExactly(NoiseSession.MAX_PLAINTEXT, NoiseSession.MAX_PLAINTEXT, NoiseSession.MAX_PLAINTEXT, 7);
        ByteBuf joined = Unpooled.buffer();
        records.forEach(joined::writeBytes);
        assertThat(joined.array()).startsWith(big);
        assertThat(joined.readableBytes()).isEqualTo(big.length);
    }

    @Test
    void aBatchOfNoBytesSendsNoRecordButCompletesItsPromise() {
        ChannelFuture marker = channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
        ByteBuf written = channel.readOutbound();
        assertThat(written.readableBytes()).as("never an empty record").isZero();
        assertThat(marker.isSuccess()).isTrue();
        assertThat(peer.receiveNonce()).isZero();
    }

    @Test
    void recordsInOneReadPassOnAsOneByteStreamAndAPartialRecordWaits() throws Exception {
        ByteBuf wire = Unpooled.buffer();
        for (int i = 0; i < 3; i++) {
            wire.writeShortLE(10 + NoiseSession.TAG);
            peer.encrypt(Unpooled.wrappedBuffer(bytes(10, 10 + i)), 10, wire);
        }
        channel.writeInbound(wire.readRetainedSlice(wire.readableBytes() - 5));
        ByteBuf first = channel.readInbound();
        assertThat(first.readableBytes()).isEqualTo(20);
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(wire.readRetainedSlice(5));
        ByteBuf second = channel.readInbound();
        assertThat(second.readableBytes()).isEqualTo(10);
        first.release();
        second.release();
        wire.release();
        assertThat(errors).isEmpty();
    }

    @Test
    void aForgedRecordIsRefusedWithATypedReason() throws Exception {
        ByteBuf wire = Unpooled.buffer().writeShortLE(10 + NoiseSession.TAG);
        peer.encrypt(Unpooled.wrappedBuffer(bytes(10, 5)), 10, wire);
        wire.setByte(wire.writerIndex() - 1, wire.getByte(wire.writerIndex() - 1) ^ 1);
        channel.writeInbound(wire);
        assertThat((Object) channel.readInbound()).isNull();
        assertRefused("bad tag");
    }

    @Test
    void anEmptyRecordIsRefusedWithATypedReason() {
        channel.writeInbound(Unpooled.buffer().writeShortLE(NoiseSession.TAG).writeZero(NoiseSession.TAG));
        assertRefused("empty record");
    }

    @Test
    void aZeroLengthRecordIsRefusedWithATypedReason() {
        channel.writeInbound(Unpooled.buffer().writeShortLE(0));
        assertRefused("empty record");
    }

    private void assertRefused(String detail) {
        assertThat(errors).singleElement().isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.reason().code()).isEqualTo(DisconnectReason.NOISE_BAD_RECORD);
            assertThat(e.reason().detail()).isEqualTo(detail);
        });
    }
}
