package io.mintp2p.bench.jmh;

import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.ProtocolVersion;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import io.mintp2p.core.wire.WillDisconnect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of every control message and of a 1 KiB application message through the
 * node's {@link MessageCodec}, the code each frame goes through on its way in and out.
 * Encode allocates from the default (pooled) allocator and releases, as the node does per send;
 * decode reads a prepared payload (the node decodes a retained slice of the read buffer).
 * Run: {@code java -jar p2p-bench-jmh/target/benchmarks.jar} (add {@code -f 1 -wi 3 -i 5} for a short run).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    /** A node builder's message: an opaque byte string, the shape of a transaction or block body. */
    static final MessageType<byte[]> BLOB = MessageType.of(64, "blob", ServiceFlags.application(Services.FIRST_APPLICATION_BIT),
            
            (body, out) -> out.bytes(body), in -> in.bytes(16 << 20));

    @Param({"hello", "hello_ack", "ping_request", "ping_response", "announce_addr", "addr_list_request",
            "addr_list_response_10", "addr_list_response_1000", "will_disconnect", "app_1KiB"})
    public String message;

    private final MessageCodec codec = new MessageCodec(MessageRegistry.builder().register(BLOB).build());
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private Message value;
    private ByteBuf encoded;

    @Setup(Level.Trial)
    public void setUp() {
        value = sample(message);
        encoded = codec.encode(value, alloc);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoded.release();
    }

    /** Representative values: what a regtest node on 127.0.0.1 actually sends. */
    static Message sample(String name) {
        PeerAddress addr = PeerAddress.ipv4(new byte[] {(byte) 203, 0, 113, 7}, 13031);
        SemVer version = new SemVer(0, 1, 0);
        long now = 1_764_000_000L;
        return switch (name) {
            case "hello" -> new Hello(ProtocolVersion.OURS, Network.MAINNET.magic(), Services.PEER_ADDRESSES,
                    "mintp2p", version, Optional.of(addr), now, 0x1234_5678_9abc_def0L);
            case "hello_ack" -> new HelloAck(ProtocolVersion.OURS, Network.MAINNET.magic(), Services.PEER_ADDRESSES,
                    "mintp2p", version, Optional.of(addr), now);
            case "ping_request" -> new PingRequest(0x0123_4567_89ab_cdefL);
            case "ping_response" -> new PingResponse(0x0123_4567_89ab_cdefL);
            case "announce_addr" -> new AnnounceAddrRequest(addr);
            case "addr_list_request" -> new AddrListRequest();
            case "addr_list_response_10" -> new AddrListResponse(addresses(10));
            case "addr_list_response_1000" -> new AddrListResponse(addresses(1000));
            case "will_disconnect" -> new WillDisconnect("Manual disconnection");
            case "app_1KiB" -> BLOB.message(new byte[1024]);
            default -> throw new IllegalArgumentException("unknown message " + name);
        };
    }

    private static List<PeerAddress> addresses(int n) {
        List<PeerAddress> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(PeerAddress.ipv4(new byte[] {(byte) 198, 51, (byte) (i >> 8), (byte) i}, 13031));
        }
        return out;
    }

    @Benchmark
    public int encode() {
        ByteBuf out = codec.encode(value, alloc);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Benchmark
    public Message decode() throws DecodeException {
        return codec.decode(encoded);
    }
}
