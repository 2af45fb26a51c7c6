package io.mintp2p.core.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Encodes and strictly decodes frame payloads: the {@code Message} enum index followed by its
 * SCALE body (WIRE.md 4-6). Thread-safe; its only state is a size hint per application type.
 */
public final class MessageCodec {
    static final int HANDSHAKE = 0;
    static final int PING_REQUEST = 1;
    static final int PING_RESPONSE = 2;
    static final int ANNOUNCE_ADDR_REQUEST = 8;
    static final int ADDR_LIST_REQUEST = 9;
    static final int ADDR_LIST_RESPONSE = 10;
    static final int WILL_DISCONNECT = 13;
    private static final int HELLO = 0;
    private static final int HELLO_ACK = 1;

    private final MessageRegistry registry;
    /**
     * The last encoded size of each application type (by index), so the next buffer is allocated
     * at about the right size instead of doubling from 64 bytes (five copies for 1 KiB). Racy on
     * purpose: a stale hint only costs a reallocation.
     */
    private final int[] sizeHints = new int[256];

    /**
     * A codec for the control messages and the application types of {@code registry}.
     *
     * @param registry the application types
     */
    public MessageCodec(MessageRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * A codec for the control messages only, for tools and tests that speak the handshake.
     *
     * @return a codec with an empty registry
     */
    public static MessageCodec controlOnly() {
        return new MessageCodec(MessageRegistry.empty());
    }

    /**
     * The application types this codec knows.
     *
     * @return the registry
     */
    public MessageRegistry registry() {
        return registry;
    }

    /**
     * Encodes {@code message} into a new buffer holding the frame payload (no length header). The
     * buffer keeps {@link WireLimits#FRAME_HEADER_BYTES} free in front of the payload (its reader
     * index), so a transport can write the header there and send the frame as one buffer.
     *
     * @throws IllegalArgumentException when the payload would exceed {@link WireLimits#MAX_FRAME_PAYLOAD}
     *                                  or the application type is not registered
     * @param message the message to encode
     * @param alloc   allocates the buffer
     * @return the payload; the caller owns (and releases) it
     */
    public ByteBuf encode(Message message, ByteBufAllocator alloc) {
        int hintIndex = -1;
        if (message instanceof AppMessage<?> app) {
            if (!registry.contains(app.type())) {
                throw new IllegalArgumentException("message type " + app.type() + " is not registered with this node");
            }
            hintIndex = app.type().index();
        }
        int header = WireLimits.FRAME_HEADER_BYTES;
        ByteBuf out = alloc.buffer(header + (hintIndex < 0 ? 64 : Math.max(64, sizeHints[hintIndex])));
        try {
            out.writerIndex(header).readerIndex(header);
            writeMessage(message, new ScaleWriter(out));
            int size = out.readableBytes();
            if (size > WireLimits.MAX_FRAME_PAYLOAD) {
                throw new IllegalArgumentException("encoded " + message.typeName() + " is " + size
                        + " bytes, over the maximum frame payload of " + WireLimits.MAX_FRAME_PAYLOAD);
            }
            if (hintIndex >= 0) {
                sizeHints[hintIndex] = size;
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static void writeMessage(Message message, ScaleWriter w) {
        if (message instanceof Hello h) {
            w.u8(HANDSHAKE).u8(HELLO);
            writeHandshakeFields(w, h.protocolVersion(), h.network(), h.services(), h.userAgent(),
                    h.softwareVersion(), h.receiverAddress(), h.currentTime());
            w.u64(h.handshakeNonce());
        } else if (message instanceof HelloAck a) {
            w.u8(HANDSHAKE).u8(HELLO_ACK);
            writeHandshakeFields(w, a.protocolVersion(), a.network(), a.services(), a.userAgent(),
                    a.softwareVersion(), a.receiverAddress(), a.currentTime());
        } else if (message instanceof PingRequest p) {
            w.u8(PING_REQUEST).u64(p.nonce());
        } else if (message instanceof PingResponse p) {
            w.u8(PING_RESPONSE).u64(p.nonce());
        } else if (message instanceof AnnounceAddrRequest a) {
            w.u8(ANNOUNCE_ADDR_REQUEST).peerAddress(a.address());
        } else if (message instanceof AddrListRequest) {
            w.u8(ADDR_LIST_REQUEST);
        } else if (message instanceof AddrListResponse r) {
            w.u8(ADDR_LIST_RESPONSE).compact(r.addresses().size());
            r.addresses().forEach(w::peerAddress);
        } else if (message instanceof WillDisconnect d) {
            w.u8(WILL_DISCONNECT).string(d.reason());
        } else if (message instanceof AppMessage<?> app) {
            writeApp(app, w);
        } else {
            throw new IllegalArgumentException("unknown message " + message);
        }
    }

    private static <T> void writeApp(AppMessage<T> app, ScaleWriter w) {
        w.u8(app.type().index());
        app.type().encoder().encode(app.body(), w);
    }

    private static void writeHandshakeFields(ScaleWriter w, int version, NetworkMagic network, long services,
                                             String userAgent, SemVer sv, Optional<PeerAddress> receiver, long time) {
        w.u32(version).raw(network.bytes()).u64(services)
                .bytes(userAgent.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .u8(sv.major()).u8(sv.minor()).u16(sv.patch());
        if (receiver.isPresent()) {
            w.u8(1).peerAddress(receiver.get());
        } else {
            w.u8(0);
        }
        w.compact(time);
    }

    /**
     * Decodes one whole payload. Reads from the reader index to the writer index and does not
     * release the buffer. Anything that is not exactly one valid message is a {@link DecodeException}.
     *
     * @param payload one frame's payload
     * @return the message; an application body that is a view of {@code payload} must be released (see {@link AppMessage#releaseBody()})
     * @throws DecodeException if the payload is not exactly one valid message
     */
    public Message decode(ByteBuf payload) throws DecodeException {
        ScaleReader r = new ScaleReader(payload.duplicate());
        Message m = readMessage(r);
        try {
            r.requireFullyConsumed();
        } catch (DecodeException e) {
            if (m instanceof AppMessage<?> app) {
                app.releaseBody();
            }
            throw e;
        }
        return m;
    }

    private Message readMessage(ScaleReader r) throws DecodeException {
        int index = r.u8();
        switch (index) {
            case HANDSHAKE:
                return readHandshake(r);
            case PING_REQUEST:
                return new PingRequest(r.u64());
            case PING_RESPONSE:
                return new PingResponse(r.u64());
            case ANNOUNCE_ADDR_REQUEST:
                return new AnnounceAddrRequest(r.peerAddress());
            case ADDR_LIST_REQUEST:
                return new AddrListRequest();
            case ADDR_LIST_RESPONSE:
                return readAddrList(r);
            case WILL_DISCONNECT:
                return new WillDisconnect(r.string(WireLimits.MAX_FRAME_PAYLOAD));
            default:
                return readApp(index, r);
        }
    }

    private Message readApp(int index, ScaleReader r) throws DecodeException {
        MessageType<?> type = registry.byIndex(index)
                .orElseThrow(() -> new DecodeException("Could not decode `Message`, variant doesn't exist"));
        return readApp(type, r);
    }

    private static <T> AppMessage<T> readApp(MessageType<T> type, ScaleReader r) throws DecodeException {
        T body;
        try {
            body = type.decoder().decode(r);
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            // A node builder's decoder must not be able to crash the connection with a stray exception.
            throw new DecodeException("Could not decode `" + type.name() + "`: " + e);
        }
        if (body == null) {
            throw new DecodeException("Could not decode `" + type.name() + "`: decoder returned null");
        }
        return new AppMessage<>(type, body);
    }

    private static AddrListResponse readAddrList(ScaleReader r) throws DecodeException {
        long count = r.compactU32();
        if (count > WireLimits.MAX_ADDR_LIST_RESPONSE) {
            throw new DecodeException("address list of " + count + " entries exceeds the limit of "
                    + WireLimits.MAX_ADDR_LIST_RESPONSE);
        }
        List<PeerAddress> addresses = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            addresses.add(r.peerAddress());
        }
        return new AddrListResponse(addresses);
    }

    private static Message readHandshake(ScaleReader r) throws DecodeException {
        int kind = r.u8();
        if (kind != HELLO && kind != HELLO_ACK) {
            throw new DecodeException("Could not decode `HandshakeMessage`, variant doesn't exist");
        }
        int version = (int) r.u32();
        NetworkMagic network = NetworkMagic.ofBytes(r.raw(4));
        long services = r.u64();
        byte[] ua = r.bytes(UserAgents.MAX_LENGTH);
        String userAgent = new String(ua, java.nio.charset.StandardCharsets.US_ASCII);
        if (ua.length == 0 || !UserAgents.isValid(userAgent) || userAgent.length() != ua.length) {
            throw new DecodeException("Invalid user agent");
        }
        SemVer sv = new SemVer(r.u8(), r.u8(), r.u16());
        Optional<PeerAddress> receiver;
        int tag = r.u8();
        if (tag == 0) {
            receiver = Optional.empty();
        } else if (tag == 1) {
            receiver = Optional.of(r.peerAddress());
        } else {
            throw new DecodeException("Invalid Option representation: " + tag);
        }
        long time = r.compactU64();
        if (kind == HELLO) {
            return new Hello(version, network, services, userAgent, sv, receiver, time, r.u64());
        }
        return new HelloAck(version, network, services, userAgent, sv, receiver, time);
    }
}
