package io.mintp2p.transport.noise.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One published Noise test vector from {@code src/test/resources/noise-vectors/} ({@code key=hex} lines;
 * sources in that directory's SOURCES.md): the keys both sides use, and the messages in order, alternating
 * initiator and responder, the first three being the XX handshake. Immutable; any thread.
 */
record PublishedVector(String protocolName, byte[] prologue, byte[] initStatic, byte[] initEphemeral,
                   byte[] respStatic, byte[] respEphemeral, Optional<byte[]> handshakeHash, List<Message> messages) {

    /** One message of the vector: what was encrypted and what went on the wire. */
    record Message(byte[] payload, byte[] ciphertext) {
    }

    /** Reads the vector file {@code name} from the test resources; blocks on the class path read. */
    static PublishedVector load(String name) throws IOException {
        Map<String, String> kv = new LinkedHashMap<>();
        try (InputStream in = PublishedVector.class.getResourceAsStream("/noise-vectors/" + name)) {
            if (in == null) {
                throw new IOException("no test vector " + name);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        HexFormat hex = HexFormat.of();
        List<Message> messages = new ArrayList<>();
        for (int i = 0; kv.containsKey("msg" + i + ".ciphertext"); i++) {
            messages.add(new Message(hex.parseHex(kv.getOrDefault("msg" + i + ".payload", "")),
                    hex.parseHex(kv.get("msg" + i + ".ciphertext"))));
        }
        if (!kv.get("init_prologue").equals(kv.get("resp_prologue"))) {
            throw new IOException(name + ": the two sides' prologues differ");
        }
        return new PublishedVector(kv.get("protocol_name"), hex.parseHex(kv.get("init_prologue")),
                hex.parseHex(kv.get("init_static")), hex.parseHex(kv.get("init_ephemeral")),
                hex.parseHex(kv.get("resp_static")), hex.parseHex(kv.get("resp_ephemeral")),
                Optional.ofNullable(kv.get("handshake_hash")).map(hex::parseHex), List.copyOf(messages));
    }
}
