package io.mintp2p.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mintp2p.core.wire.MessageCodec;

/**
 * Every message decoder at once: arbitrary payload bytes (the frame body, no length header) give a
 * message or a DecodeException, and a decoded message round-trips to the same bytes.
 */
class MessageDecodeFuzzTest {
    private static final MessageCodec CODEC = TestMessages.codec();

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] payload) {
        CodecChecks.decodeArbitrary(CODEC, payload);
    }
}
