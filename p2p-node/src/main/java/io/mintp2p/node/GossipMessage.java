package io.mintp2p.node;

import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.ScaleReader;
import io.mintp2p.core.wire.ScaleWriter;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The demo application message: a text flooded through the network with de-duplication by id.
 * Wire body: 32-byte id, origin string, hops u8, payload string (index 64, service bit 16).
 *
 * @param idHex   the message's 32-byte id in hex
 * @param origin  the publishing node's name
 * @param hops    how many nodes relayed it so far
 * @param payload the text
 */
public record GossipMessage(String idHex, String origin, int hops, String payload) {
    /** The longest payload a peer may send, in UTF-8 bytes. */
    public static final int MAX_TEXT = 64 * 1024;
    /** Relayed no further once it made this many hops. */
    public static final int MAX_HOPS = 64;

    /** The message type: index 64, service bit 16. */
    public static final MessageType<GossipMessage> TYPE = MessageType.of(64, "gossip", ServiceFlags.application(16),
            GossipMessage::encode, GossipMessage::decode);

    /**
     * Checks the message.
     *
     * @param idHex   64 hex characters
     * @param origin  the publishing node's name
     * @param hops    how many nodes relayed it so far
     * @param payload the text
     * @throws IllegalArgumentException if the id is not 32 bytes of hex
     */
    public GossipMessage {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(payload, "payload");
        if (HexFormat.of().parseHex(idHex).length != 32) {
            throw new IllegalArgumentException("gossip id must be 32 bytes");
        }
    }

    GossipMessage nextHop() {
        return new GossipMessage(idHex, origin, hops + 1, payload);
    }

    private static void encode(GossipMessage m, ScaleWriter w) {
        w.raw(HexFormat.of().parseHex(m.idHex)).string(m.origin).u8(m.hops).string(m.payload);
    }

    private static GossipMessage decode(ScaleReader r) throws DecodeException {
        String id = HexFormat.of().formatHex(r.raw(32));
        String origin = r.string(256);
        int hops = r.u8();
        String payload = r.string(MAX_TEXT);
        return new GossipMessage(id, origin, hops, payload);
    }
}
