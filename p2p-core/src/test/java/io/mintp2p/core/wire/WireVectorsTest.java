package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked vectors of WIRE.md section 13 (full frames) and the compact vectors of section 3. */
class WireVectorsTest {
    private final MessageCodec codec = MessageCodec.controlOnly();

    private static final Hello V4_HELLO = new Hello(3, Network.TESTNET.magic(), 7, "MintlayerCore",
            new SemVer(1, 4, 0), Optional.of(address("127.0.0.1", 13031)), 1_750_000_000L, 0x1122334455667788L);

    private static PeerAddress address(String ip, int port) {
        try {
            return new PeerAddress(InetAddress.getByName(ip), port);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Encodes as a full frame: u32 LE length + payload. */
    private String frameHex(Message m) {
        ByteBuf payload = codec.encode(m, UnpooledByteBufAllocator.DEFAULT);
        try {
            ByteBuf frame = Unpooled.buffer();
            Frames.writeHeader(frame, payload.readableBytes());
            frame.writeBytes(payload);
            return ByteBufUtil.hexDump(frame);
        } finally {
            payload.release();
        }
    }

    private Message decodeFrame(String hex) throws DecodeException {
        ByteBuf frame = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        long length = Frames.readLength(frame);
        assertThat(length).isEqualTo(frame.readableBytes());
        return codec.decode(frame);
    }

    private void assertVector(Message m, String hex) throws DecodeException {
        assertThat(frameHex(m)).isEqualTo(hex);
        assertThat(decodeFrame(hex)).isEqualTo(m);
    }

    @Test
    void v1PingRequestAndResponse() throws DecodeException {
        assertVector(new PingRequest(0x0102030405060708L), "09000000010807060504030201");
        assertVector(new PingResponse(0x0102030405060708L), "09000000020807060504030201");
    }

    @Test
    void v2AddrListRequest() throws DecodeException {
        assertVector(new AddrListRequest(), "0100000009");
    }

    @Test
    void v3AddrListResponse() throws DecodeException {
        assertVector(new AddrListResponse(List.of(address("1.2.3.4", 13031), address("::1", 3031))),
                "1c0000000a080001020304e7320100000000000000000000000000000001d70b");
    }

    @Test
    void v4HelloOnTestnet() throws DecodeException {
        assertVector(V4_HELLO, "390000000000030000002b7e19f80700000000000000344d696e746c61796572436f7265"
                + "0104000001007f000001e7320380e14e688877665544332211");
    }

    @Test
    void v5HelloAckOnRegtest() throws DecodeException {
        HelloAck ack = new HelloAck(3, Network.REGTEST.magic(), 7, "MintlayerCore", new SemVer(1, 4, 0),
                Optional.empty(), 1_750_000_000L);
        assertVector(ack, "2a000000000103000000aabbccdd0700000000000000344d696e746c61796572436f726501040000000380e14e68");
    }

    @Test
    void v6WillDisconnect() throws DecodeException {
        assertVector(new WillDisconnect("Wrong network; our network is 'regtest'"),
                "290000000d9c57726f6e67206e6574776f726b3b206f7572206e6574776f726b20697320277265677465737427");
    }

    @Test
    void v7EmptyHeaderListIsAReservedChainMessageWeDoNotDecode() {
        // Index 5 is Mintlayer's HeaderList: reserved, so a control-only node treats it as unknown.
        assertThatThrownBy(() -> decodeFrame("020000000500"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("variant doesn't exist");
    }

    @Test
    void v8OversizeHeaderIsDetectedFromTheHeaderAlone() {
        ByteBuf header = Unpooled.wrappedBuffer(HexFormat.of().parseHex("0100a000"));
        long announced = Frames.readLength(header);
        assertThat(announced).isEqualTo(10_485_761L);
        assertThat(Frames.isOversized(announced)).isTrue();
        assertThat(Frames.isOversized(WireLimits.MAX_FRAME_PAYLOAD)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "0, 00", "63, fc", "64, 0101", "16383, fdff", "16384, 02000100", "1073741823, feffffff",
        "1073741824, 0300000040", "4294967295, 03ffffffff", "4294967296, 070000000001",
        "72057594037927936, 130000000000000001", "-1, 13ffffffffffffffff", "1750000000, 0380e14e68"
    })
    void compactVectors(long value, String hex) throws DecodeException {
        ByteBuf buf = Unpooled.buffer();
        new ScaleWriter(buf).compact(value);
        assertThat(ByteBufUtil.hexDump(buf)).isEqualTo(hex);
        ScaleReader reader = new ScaleReader(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
        assertThat(reader.compactU64()).isEqualTo(value);
        reader.requireFullyConsumed();
    }

    @ParameterizedTest
    @CsvSource({"0100", "02000000", "0300000000", "07ffffffff00", "03ffffff3f"})
    void nonCanonicalCompactsAreRejected(String hex) {
        ScaleReader reader = new ScaleReader(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
        assertThatThrownBy(reader::compactU64).isInstanceOf(DecodeException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void trailingBytesAreAnError() {
        assertThatThrownBy(() -> decodeFrame("0a000000010807060504030201ff"))
                .isInstanceOf(DecodeException.class).hasMessageContaining("data left");
    }

    @Test
    void userAgentWithSpaceIsADecodeError() {
        String hex = frameHex(V4_HELLO).replace("4d696e746c61796572436f7265", "4d696e746c61796572436f2065");
        assertThatThrownBy(() -> decodeFrame(hex)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("user agent");
    }

    @Test
    void badOptionTagIsADecodeError() {
        String hex = frameHex(V4_HELLO).replace("0104000001007f", "0104000002007f");
        assertThatThrownBy(() -> decodeFrame(hex)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("Option");
    }

    @Test
    void addressListOverTheLimitIsRefusedWithoutAllocatingForIt() {
        // Announces 2^30 entries in 5 bytes: must fail on the count, not try to read or allocate them.
        ByteBuf payload = Unpooled.wrappedBuffer(HexFormat.of().parseHex("0a0300000040"));
        assertThatThrownBy(() -> codec.decode(payload)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("exceeds the limit of 1000");
    }
}
