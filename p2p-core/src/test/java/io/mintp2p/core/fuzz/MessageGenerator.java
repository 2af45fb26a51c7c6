package io.mintp2p.core.fuzz;

import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.NetworkMagic;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.WillDisconnect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds valid messages of every kind from {@link Choices}. Handshake fields lean towards values a
 * session accepts (regtest, versions 2 and 3, a clock near {@code nowSeconds}) so that sequences
 * get past the handshake, but every value stays reachable.
 */
public final class MessageGenerator {
    /** A Hello may carry this nonce; the session target registers it as one of our own dials. */
    public static final long OWN_DIAL_NONCE = 0x5E1F_5E1F_5E1F_5E1FL;
    public static final int KINDS = 9;

    private final Choices c;
    private final long nowSeconds;

    public MessageGenerator(Choices choices, long nowSeconds) {
        this.c = choices;
        this.nowSeconds = nowSeconds;
    }

    public Message any() {
        return kind(c.pick(KINDS));
    }

    /** One message of kind {@code 0 <= kind < KINDS}. */
    public Message kind(int kind) {
        return switch (kind) {
            case 0 -> hello();
            case 1 -> helloAck();
            case 2 -> new PingRequest(c.anyLong());
            case 3 -> new PingResponse(c.anyLong());
            case 4 -> new AnnounceAddrRequest(address());
            case 5 -> new AddrListRequest();
            case 6 -> addressList();
            case 7 -> new WillDisconnect(c.text(300));
            default -> TestMessages.TEXT.message(c.text(300));
        };
    }

    public Hello hello() {
        return new Hello(version(), network(), c.anyLong(), userAgent(), semVer(), receiver(), time(),
                c.flip() ? OWN_DIAL_NONCE : c.anyLong());
    }

    public HelloAck helloAck() {
        return new HelloAck(version(), network(), c.anyLong(), userAgent(), semVer(), receiver(), time());
    }

    private int version() {
        return switch (c.pick(4)) {
            case 0 -> 2;
            case 1 -> 3;
            case 2 -> c.pick(8);
            default -> c.anyInt();
        };
    }

    private NetworkMagic network() {
        return switch (c.pick(4)) {
            case 0, 1 -> Network.REGTEST.magic();
            case 2 -> Network.values()[c.pick(Network.values().length)].magic();
            default -> new NetworkMagic(c.anyInt());
        };
    }

    /** Within the 10 s clock window, just outside it, or anything (a u64 on the wire). */
    private long time() {
        return switch (c.pick(3)) {
            case 0 -> nowSeconds + c.pick(21) - 10;
            case 1 -> nowSeconds + c.pick(1 << 16) - (1 << 15);
            default -> c.anyLong();
        };
    }

    private String userAgent() {
        char[] chars = new char[1 + c.pick(24)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (0x21 + c.pick(0x7E - 0x21 + 1));
        }
        return new String(chars);
    }

    private SemVer semVer() {
        return new SemVer(c.pick(256), c.pick(256), c.pick(65536));
    }

    private Optional<PeerAddress> receiver() {
        return c.flip() ? Optional.of(address()) : Optional.empty();
    }

    public PeerAddress address() {
        return c.flip() ? PeerAddress.ipv4(c.bytes(4), c.pick(65536)) : PeerAddress.ipv6(c.bytes(16), c.pick(65536));
    }

    private AddrListResponse addressList() {
        int n = c.pick(41);
        List<PeerAddress> addresses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            addresses.add(address());
        }
        return new AddrListResponse(addresses);
    }
}
