package io.mintp2p.transport.noise;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Record reader and decrypt fed arbitrary bytes after a genuine handshake (see FUZZING.md of this module). Input:
 * 1 byte chunk size (0 = all at once), 1 byte count of genuine records first (% 4), then the stream. The genuine
 * records must come out in order; the rest gives incomplete bytes or one typed refusal, the same for any chunking.
 */
class NoiseRecordFuzzTest {
    private static final byte[][] GENUINE = {
        "one".getBytes(StandardCharsets.US_ASCII), new byte[NoiseSession.MAX_PLAINTEXT], "three".getBytes(StandardCharsets.US_ASCII),
    };

    /** The genuine initiator's stream with the first k records, for k = 0 to 3 (keys are fixed: made once). */
    private static final byte[][] PREFIXES = new byte[GENUINE.length + 1][];

    static {
        for (int k = 0; k < PREFIXES.length; k++) {
            PREFIXES[k] = NoiseStreamDriver.genuineInitiator(2, Arrays.copyOf(GENUINE, k));
        }
    }

    @FuzzTest(maxDuration = "5m")
    void records(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int genuine = (data[1] & 0xFF) % (GENUINE.length + 1);
        byte[][] sent = Arrays.copyOf(GENUINE, genuine);
        byte[] stream = NoiseRecordReaderTest.concat(PREFIXES[genuine],
                Arrays.copyOfRange(data, 2, data.length));
        NoiseStreamDriver.Outcome whole = NoiseStreamDriver.respond(stream, 0);
        NoiseStreamDriver.Outcome chunked = NoiseStreamDriver.respond(stream, data[0] & 0xFF);
        if (!whole.equals(chunked)) {
            throw new AssertionError("chunks of " + (data[0] & 0xFF) + " give " + chunked + ", one piece " + whole);
        }
        if (whole.handshakeMessagesRead() != 2 || whole.plaintexts().size() < genuine) {
            throw new AssertionError("genuine input not accepted: " + whole);
        }
        for (int i = 0; i < genuine; i++) {
            if (!Arrays.equals(whole.plaintexts().get(i), sent[i])) {
                throw new AssertionError("record " + i + " changed");
            }
        }
    }
}
