package io.mintp2p.transport.noise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** One test vector from {@code src/test/resources/noise-vectors/} ({@code key=hex} lines; see SOURCES.md there). */
record NoiseVector(String name, byte[] initPrologue, byte[] initStatic, byte[] initEphemeral, byte[] respPrologue,
        byte[] respStatic, byte[] respEphemeral, byte[] handshakeHash, List<byte[]> payloads, List<byte[]> ciphertexts) {

    static final List<String> SHA256_FILES =
            List.of("Noise_XX_25519_ChaChaPoly_SHA256.vec", "snow_XX_SHA256.vec", "noisec_XX_SHA256.vec");

    static NoiseVector load(String file) {
        Map<String, String> kv = new HashMap<>();
        try (InputStream in = NoiseVector.class.getResourceAsStream("/noise-vectors/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + file);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!NoiseHandshake.PROTOCOL_NAME.equals(kv.get("protocol_name"))) {
            throw new IllegalArgumentException(file + " is " + kv.get("protocol_name"));
        }
        List<byte[]> payloads = new ArrayList<>();
        List<byte[]> ciphertexts = new ArrayList<>();
        for (int i = 0; kv.containsKey("msg" + i + ".payload"); i++) {
            payloads.add(hex(kv.get("msg" + i + ".payload")));
            ciphertexts.add(hex(kv.get("msg" + i + ".ciphertext")));
        }
        return new NoiseVector(file, hex(kv.get("init_prologue")), hex(kv.get("init_static")), hex(kv.get("init_ephemeral")),
                hex(kv.get("resp_prologue")), hex(kv.get("resp_static")), hex(kv.get("resp_ephemeral")),
                kv.containsKey("handshake_hash") ? hex(kv.get("handshake_hash")) : null, payloads, ciphertexts);
    }

    NoiseHandshake initiator(AeadProvider provider) {
        return NoiseHandshake.forTest(true, NoiseKeyPair.fromPrivate(initStatic), NoiseKeyPair.fromPrivate(initEphemeral),
                initPrologue, provider);
    }

    NoiseHandshake responder(AeadProvider provider) {
        return NoiseHandshake.forTest(false, NoiseKeyPair.fromPrivate(respStatic), NoiseKeyPair.fromPrivate(respEphemeral),
                respPrologue, provider);
    }

    private static byte[] hex(String s) {
        return s == null ? null : HexFormat.of().parseHex(s);
    }

    @Override
    public String toString() {
        return name;
    }
}
