package io.mintp2p.transport.noise;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * A responder fed arbitrary bytes (see FUZZING.md of this module). Input: 1 byte chunk size (0 = all at once),
 * 1 byte prefix (% 3: nothing, a genuine message 1, genuine messages 1 and 3 and a record "hello"), then the
 * stream. The outcome must not depend on the chunking; only typed NoiseExceptions; bounded buffering (the driver).
 */
class NoiseResponderFuzzTest {
    private static final byte[][] PREFIXES = {
        new byte[0],
        NoiseStreamDriver.genuineInitiator(1),
        NoiseStreamDriver.genuineInitiator(2, "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
    };

    @FuzzTest(maxDuration = "5m")
    void respond(byte[] data) {
        if (data.length < 2) {
            return;
        }
        byte[] stream = NoiseRecordReaderTest.concat(PREFIXES[(data[1] & 0xFF) % PREFIXES.length],
                Arrays.copyOfRange(data, 2, data.length));
        NoiseStreamDriver.Outcome whole = NoiseStreamDriver.respond(stream, 0);
        NoiseStreamDriver.Outcome chunked = NoiseStreamDriver.respond(stream, data[0] & 0xFF);
        if (!whole.equals(chunked)) {
            throw new AssertionError("chunks of " + (data[0] & 0xFF) + " give " + chunked + ", one piece " + whole);
        }
    }
}
