package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.transport.TransportAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Onion v3 names and PeerAddress variant 2, byte for byte as docs/WIRE-ONION.md shows them. */
class OnionAddressTest {
    /** Key 00 01 .. 1f; name computed independently with Python's hashlib.sha3_256 and base64.b32encode. */
    static final byte[] KEY = new byte[32];
    static final String NAME = "aaaqeayeaudaocajbifqydiob4ibceqtcqkrmfyydenbwha5dyp3kead.onion";

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) i;
        }
    }

    private final MessageCodec codec = MessageCodec.controlOnly();

    @Test
    void nameAndKeyConvertBothWays() {
        assertThat(OnionV3.ofKey(KEY).hostname()).isEqualTo(NAME);
        assertThat(OnionV3.parse(NAME).publicKey()).isEqualTo(KEY);
        assertThat(OnionV3.parse(NAME.toUpperCase().replace(".ONION", ""))).isEqualTo(OnionV3.ofKey(KEY));
        String real = "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion";
        assertThat(OnionV3.parse(real).hostname()).isEqualTo(real);
    }

    @Test
    void mistypedNamesAreRefusedWithTheReason() {
        String typo = NAME.replace("aaaq", "aaar");
        assertThatThrownBy(() -> OnionV3.parse(typo)).hasMessageContaining("checksum");
        assertThatThrownBy(() -> OnionV3.parse("abc.onion")).hasMessageContaining("56 base32 characters");
        assertThatThrownBy(() -> OnionV3.parse(NAME.replace('a', '1'))).hasMessageContaining("not base32");
        assertThatThrownBy(() -> OnionV3.ofKey(new byte[31])).hasMessageContaining("32 bytes");
    }

    @Test
    void addrListResponseWithAnOnionAddressIsExactlyTheDocumentedBytes() throws DecodeException {
        PeerAddress onion = PeerAddress.onion(OnionV3.ofKey(KEY), 13031);
        String hex = "25000000" + "0a" + "04" + "02" + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                + "e732";
        ByteBuf payload = codec.encode(new AddrListResponse(List.of(onion)), UnpooledByteBufAllocator.DEFAULT);
        ByteBuf frame = Unpooled.buffer();
        Frames.writeHeader(frame, payload.readableBytes());
        frame.writeBytes(payload);
        payload.release();
        assertThat(ByteBufUtil.hexDump(frame)).isEqualTo(hex);
        frame.release();

        ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        Frames.readLength(in);
        assertThat(codec.decode(in)).isEqualTo(new AddrListResponse(List.of(onion)));
    }

    @Test
    void aTruncatedOnionKeyIsADecodeError() {
        ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex("0a04020001020304"));
        assertThatThrownBy(() -> codec.decode(in)).isInstanceOf(DecodeException.class);
    }

    @Test
    void anOnionAddressHasNoIpAndIsNeverPrivate() {
        PeerAddress onion = PeerAddress.onion(OnionV3.ofKey(KEY), 13031);
        assertThat(onion.isOnion()).isTrue();
        assertThat(onion.isPrivateOrLocal()).isFalse();
        assertThat(onion.toString()).isEqualTo(NAME + ":13031");
        assertThatThrownBy(onion::ip).isInstanceOf(IllegalStateException.class);
        assertThat(TransportAddress.of("tor", onion)).isEqualTo(TransportAddress.parse("tor://" + NAME + ":13031"));
        assertThat(TransportAddress.parse("tor://" + NAME + ":13031").toPeerAddressIncludingOnion()).contains(onion);
        assertThat(TransportAddress.parse("tor://" + NAME + ":13031").toPeerAddress()).as("IP-only callers").isEmpty();
    }

    @Test
    void anOnionNameIsNeverLookedUpInDns() {
        assertThatThrownBy(() -> TransportAddress.parse("tcp://" + NAME + ":13031").resolve())
                .hasMessageContaining("only through Tor");
    }
}
