package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The worked vectors of docs/WIRE.md, read from the document itself: every {@code wire-vector} block
 * names a value (an application message is V12's example type, or one of the body-shape types of
 * V14-V16 with its {@code type} and {@code value}), and the codec must encode it to exactly the block's frame and decode the frame back
 * to it (or refuse the frame, for the blocks that say so); every line of a {@code scale-compact}
 * block is a compact integer and its bytes. So the document cannot drift from the codec.
 */
class WireDocVectorsTest {
    /** Relative to the module directory, where Maven runs the tests. */
    private static final Path DOC = Path.of("..", "docs", "WIRE.md");

    /** Vectors the code, the fuzz seeds and the other docs refer to by name: none may go missing. */
    private static final Set<String> REQUIRED = Set.of("V1", "V1b", "V2", "V3", "V4", "V5", "V6", "V7", "V8",
            "V9", "V10", "V11", "V12", "V13", "V14", "V15", "V16", "V16b",
            "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13");

    /** Every message kind the node speaks has a vector that encodes it. */
    private static final Set<String> MESSAGE_KINDS = Set.of("Hello", "HelloAck", "PingRequest", "PingResponse",
            "AnnounceAddrRequest", "AddrListRequest", "AddrListResponse", "WillDisconnect", "App");

    /** The example application type WIRE.md A.6 describes: index 64, service bit 16, body Vec<u8>. */
    static final MessageType<byte[]> EXAMPLE_APP = MessageType.of(64, "example",
            ServiceFlags.application(Services.FIRST_APPLICATION_BIT), (body, out) -> out.bytes(body), in -> in.bytes(1024 * 1024));

    /** The application types of vectors V14-V16 and E11-E13 (WIRE.md 13): the body shapes of ScaleCodecs. */
    static final MessageType<List<Long>> VEC_U32 = MessageType.of(65, "vec-u32",
            ServiceFlags.application(Services.FIRST_APPLICATION_BIT), ScaleCodecs.list(ScaleCodecs.u32(), 4));
    static final MessageType<byte[]> FIXED_4 = MessageType.of(66, "fixed-4",
            ServiceFlags.application(Services.FIRST_APPLICATION_BIT), ScaleCodecs.fixed(4));
    static final MessageType<Optional<Integer>> OPTION_U8 = MessageType.of(67, "option-u8",
            ServiceFlags.application(Services.FIRST_APPLICATION_BIT), ScaleCodecs.option(ScaleCodecs.u8()));

    private final MessageCodec codec = new MessageCodec(MessageRegistry.builder()
            .register(EXAMPLE_APP).register(VEC_U32).register(FIXED_4).register(OPTION_U8).build());

    /** One fenced block: its name and its {@code key: value} lines (a key may repeat, e.g. frame). */
    private record Vector(String name, Map<String, List<String>> fields) {
        String one(String key) {
            List<String> values = fields.get(key);
            if (values == null || values.size() != 1) {
                throw new AssertionError("vector " + name + " needs exactly one '" + key + ":' line, has " + values);
            }
            return values.get(0);
        }

        Optional<String> optional(String key) {
            return fields.containsKey(key) ? Optional.of(one(key)) : Optional.empty();
        }

        byte[] frame() {
            List<String> parts = fields.get("frame");
            if (parts == null) {
                throw new AssertionError("vector " + name + " has no frame");
            }
            return HexFormat.of().parseHex(String.join("", parts).replace(" ", ""));
        }
    }

    private static List<String> docLines() throws IOException {
        assertThat(DOC).as("docs/WIRE.md, relative to the module directory").exists();
        return Files.readAllLines(DOC, StandardCharsets.UTF_8);
    }

    /** The bodies of the fenced blocks opened with {@code ```<tag>}. */
    private static List<List<String>> blocks(String tag) throws IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> current = null;
        for (String line : docLines()) {
            if (current == null) {
                if (line.strip().equals("```" + tag)) {
                    current = new ArrayList<>();
                }
            } else if (line.strip().equals("```")) {
                out.add(current);
                current = null;
            } else {
                current.add(line);
            }
        }
        assertThat(current).as("unclosed ```" + tag + " block").isNull();
        return out;
    }

    private static List<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        for (List<String> block : blocks("wire-vector")) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (String line : block) {
                if (line.isBlank()) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new AssertionError("not a 'key: value' line in a wire-vector block: " + line);
                }
                fields.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
            String name = Optional.ofNullable(fields.get("vector")).map(v -> v.get(0))
                    .orElseThrow(() -> new AssertionError("a wire-vector block without 'vector:' " + block));
            out.add(new Vector(name, fields));
        }
        return out;
    }

    @Test
    void everyNamedVectorIsInTheDocumentOnce() throws IOException {
        List<String> names = vectors().stream().map(Vector::name).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(names).containsAll(REQUIRED);
    }

    @Test
    void everyMessageKindHasAnEncodingVector() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (Vector v : vectors()) {
            if (v.optional("expect").isEmpty()) {
                covered.add(v.one("message"));
            }
        }
        assertThat(covered).containsAll(MESSAGE_KINDS);
    }

    @TestFactory
    Stream<DynamicTest> frameVectors() throws IOException {
        List<Vector> all = vectors();
        assertThat(all).isNotEmpty();
        return all.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> check(v)));
    }

    private void check(Vector v) throws DecodeException {
        byte[] frame = v.frame();
        String expect = v.optional("expect").orElse("round-trip");
        switch (expect) {
            case "round-trip" -> roundTrip(v, frame);
            case "decode-error" -> {
                ByteBuf payload = payloadOf(v, frame);
                String error = v.one("error");
                assertThatThrownBy(() -> codec.decode(payload)).isInstanceOf(DecodeException.class)
                        .hasMessageContaining(error);
            }
            case "oversized" -> {
                assertThat(frame).as(v.name() + ": a header alone").hasSize(WireLimits.FRAME_HEADER_BYTES);
                assertThat(Frames.isOversized(Frames.readLength(Unpooled.wrappedBuffer(frame)))).isTrue();
            }
            default -> fail("vector " + v.name() + ": unknown expect '" + expect + "'");
        }
    }

    private void roundTrip(Vector v, byte[] frame) throws DecodeException {
        Message value = messageOf(v);
        ByteBuf payload = codec.encode(value, UnpooledByteBufAllocator.DEFAULT);
        try {
            ByteBuf encoded = Unpooled.buffer();
            Frames.writeHeader(encoded, payload.readableBytes());
            encoded.writeBytes(payload);
            assertThat(ByteBufUtil.hexDump(encoded)).as(v.name() + " encoded")
                    .isEqualTo(HexFormat.of().formatHex(frame));
        } finally {
            payload.release();
        }
        Message decoded = codec.decode(payloadOf(v, frame));
        if (value instanceof AppMessage<?> app) {
            AppMessage<?> back = (AppMessage<?>) decoded;
            assertThat(back.type()).isSameAs(app.type());
            if (app.body() instanceof byte[] bytes) {
                assertThat((byte[]) back.body()).as(v.name() + " decoded body").isEqualTo(bytes);
            } else {
                assertThat(back.body()).as(v.name() + " decoded body").isEqualTo(app.body());
            }
        } else {
            assertThat(decoded).as(v.name() + " decoded").isEqualTo(value);
        }
    }

    /** The frame's payload, after checking that its header announces exactly what follows. */
    private static ByteBuf payloadOf(Vector v, byte[] frame) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        long length = Frames.readLength(buf);
        assertThat(length).as(v.name() + ": the header announces the payload that follows").isEqualTo(buf.readableBytes());
        return buf;
    }

    private static Message messageOf(Vector v) {
        String kind = v.one("message");
        return switch (kind) {
            case "Hello" -> new Hello(Integer.parseInt(v.one("version")), network(v.one("network")),
                    number(v.one("services")), v.one("user-agent"), SemVer.parse(v.one("software")),
                    receiver(v.one("receiver")), number(v.one("time")), number(v.one("nonce")));
            case "HelloAck" -> new HelloAck(Integer.parseInt(v.one("version")), network(v.one("network")),
                    number(v.one("services")), v.one("user-agent"), SemVer.parse(v.one("software")),
                    receiver(v.one("receiver")), number(v.one("time")));
            case "PingRequest" -> new PingRequest(number(v.one("nonce")));
            case "PingResponse" -> new PingResponse(number(v.one("nonce")));
            case "AnnounceAddrRequest" -> new AnnounceAddrRequest(address(v.one("address")));
            case "AddrListRequest" -> new AddrListRequest();
            case "AddrListResponse" -> new AddrListResponse(addresses(v.one("addresses")));
            case "WillDisconnect" -> new WillDisconnect(v.one("reason"));
            case "App" -> appMessage(v);
            default -> throw new AssertionError("vector " + v.name() + ": unknown message '" + kind + "'");
        };
    }

    /** V12's example type with a {@code body:} in hex, or one of the body-shape types with a {@code type:} and a {@code value:}. */
    private static Message appMessage(Vector v) {
        int index = Integer.parseInt(v.one("index"));
        if (index == EXAMPLE_APP.index()) {
            return EXAMPLE_APP.message(HexFormat.of().parseHex(v.one("body").replace(" ", "")));
        }
        String type = v.one("type");
        String value = v.one("value");
        if (index == VEC_U32.index()) {
            assertThat(type).as(v.name() + ": the type of index 65").isEqualTo("Vec<u32>");
            List<Long> items = new ArrayList<>();
            for (String item : value.split(",")) {
                items.add(Long.parseLong(item.strip()));
            }
            return VEC_U32.message(items);
        }
        if (index == FIXED_4.index()) {
            assertThat(type).as(v.name() + ": the type of index 66").isEqualTo("[u8; 4]");
            return FIXED_4.message(HexFormat.of().parseHex(value.replace(" ", "")));
        }
        if (index == OPTION_U8.index()) {
            assertThat(type).as(v.name() + ": the type of index 67").isEqualTo("Option<u8>");
            if (value.equals("None")) {
                return OPTION_U8.message(Optional.empty());
            }
            assertThat(value).as(v.name() + ": None or Some(<u8>)").startsWith("Some(").endsWith(")");
            return OPTION_U8.message(Optional.of(Integer.parseInt(value.substring(5, value.length() - 1))));
        }
        throw new AssertionError("vector " + v.name() + ": no application type with index " + index);
    }

    /** Decimal, or hex with 0x; a u64 above Long.MAX_VALUE is read as its two's complement. */
    private static long number(String text) {
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseUnsignedLong(text);
    }

    private static NetworkMagic network(String text) {
        return text.startsWith("0x") ? NetworkMagic.ofBytes(HexFormat.of().parseHex(text.substring(2)))
                : Network.parse(text).magic();
    }

    private static Optional<PeerAddress> receiver(String text) {
        return text.equals("none") ? Optional.empty() : Optional.of(address(text));
    }

    private static List<PeerAddress> addresses(String text) {
        if (text.equals("none")) {
            return List.of();
        }
        List<PeerAddress> out = new ArrayList<>();
        for (String a : text.split(",")) {
            out.add(address(a.strip()));
        }
        return out;
    }

    /** {@code 1.2.3.4:13031}, {@code [::1]:3031} or {@code <56 chars>.onion:13031}. */
    private static PeerAddress address(String text) {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        int port = Integer.parseInt(text.substring(colon + 1));
        if (OnionV3.isOnionHost(host)) {
            return PeerAddress.onion(OnionV3.parse(host), port);
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new PeerAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("not an IP literal: " + host, e);
        }
    }

    @TestFactory
    Stream<DynamicTest> compactVectors() throws IOException {
        List<String> lines = new ArrayList<>();
        blocks("scale-compact").forEach(lines::addAll);
        List<String> entries = lines.stream().filter(l -> !l.isBlank()).toList();
        assertThat(entries).as("the scale-compact block of docs/WIRE.md 3").isNotEmpty();
        return entries.stream().map(line -> DynamicTest.dynamicTest(line.strip(), () -> checkCompact(line.strip())));
    }

    /** {@code <value> = <hex>} encodes and decodes both ways; {@code reject <hex>} must not decode. */
    private static void checkCompact(String line) throws DecodeException {
        if (line.startsWith("reject ")) {
            ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex(line.substring("reject ".length()).replace(" ", "")));
            assertThatThrownBy(() -> new ScaleReader(in).compactU64()).isInstanceOf(DecodeException.class)
                    .hasMessageContaining("out of range");
            return;
        }
        String[] parts = line.split("=");
        assertThat(parts).as("'<value> = <hex>': " + line).hasSize(2);
        long value = Long.parseUnsignedLong(parts[0].strip());
        String hex = parts[1].strip().replace(" ", "");
        ByteBuf out = Unpooled.buffer();
        new ScaleWriter(out).compact(value);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex);
        ScaleReader reader = new ScaleReader(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
        assertThat(reader.compactU64()).isEqualTo(value);
        reader.requireFullyConsumed();
    }
}
