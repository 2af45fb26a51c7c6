package io.mintp2p.bench.node;

import io.mintp2p.core.node.Protocol;
import io.mintp2p.core.node.RequestType;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ScaleCodecs;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.Services;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The application messages of the benchmark node: what a node builder would register for
 * transactions or blocks (an opaque SCALE byte string), and a request/response pair for round trips.
 */
public final class BenchMessages {
    private static final int MAX_BODY = 16 * 1024 * 1024;
    public static final MessageType<byte[]> BLOB = MessageType.of(64, "bench_blob", ServiceFlags.application(Services.FIRST_APPLICATION_BIT),
            
            (body, out) -> out.bytes(body), in -> in.bytes(MAX_BODY));
    /**
     * The BLOB's bytes on the wire, received as a view of the frame instead of a new array: what a node
     * builder streaming bulk data would register (the throughput rows use it, as the raw receiver only
     * slices its frames).
     */
    public static final MessageType<ByteBuf> STREAM = MessageType.ofBytesView(67, "bench_stream",
            ServiceFlags.application(Services.FIRST_APPLICATION_BIT), MAX_BODY);
    public static final MessageType<byte[]> REQUEST = MessageType.of(65, "bench_request", ServiceFlags.application(Services.FIRST_APPLICATION_BIT + 1),
            (body, out) -> out.bytes(body), in -> in.bytes(MAX_BODY));
    public static final MessageType<byte[]> RESPONSE = MessageType.of(66, "bench_response", ServiceFlags.application(Services.FIRST_APPLICATION_BIT + 1),
            (body, out) -> out.bytes(body), in -> in.bytes(MAX_BODY));

    /** A correlated request/response pair (u32 id on the wire) echoing a byte string: the request round trips. */
    public static final RequestType<byte[], byte[]> ECHO = RequestType.correlated("bench_echo", 68, 69,
            ServiceFlags.application(Services.FIRST_APPLICATION_BIT + 2), ScaleCodecs.bytes(MAX_BODY), ScaleCodecs.bytes(MAX_BODY));
    /** The protocol the benchmark nodes speak for {@link #ECHO}. */
    public static final Protocol ECHO_PROTOCOL = Protocol.builder("bench_echo", 1, ECHO.service()).requests(ECHO).build();

    private BenchMessages() {
    }

    public static MessageType<?>[] all() {
        return new MessageType<?>[] {BLOB, STREAM, REQUEST, RESPONSE};
    }

    /**
     * The node's frame payload for a body of {@code bodyBytes} (type index + compact length + body): the
     * baseline sends payloads of exactly this size, so both put the same bytes on the wire.
     */
    public static int wirePayloadBytes(MessageType<byte[]> type, int bodyBytes) {
        MessageCodec codec = new MessageCodec(MessageRegistry.builder().registerAll(java.util.List.of(all())).build());
        ByteBuf b = codec.encode(type.message(new byte[bodyBytes]), ByteBufAllocator.DEFAULT);
        try {
            return b.readableBytes();
        } finally {
            b.release();
        }
    }
}
