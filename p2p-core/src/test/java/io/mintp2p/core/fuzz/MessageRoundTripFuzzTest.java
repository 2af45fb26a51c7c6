package io.mintp2p.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mintp2p.core.wire.MessageCodec;

/** Messages built from fuzzer bytes (every kind, the application type included): decode(encode(m)) equals m. */
class MessageRoundTripFuzzTest {
    private static final MessageCodec CODEC = TestMessages.codec();

    @FuzzTest(maxDuration = "5m")
    void roundTrip(byte[] data) {
        byte[] encoded = CodecChecks.roundTrip(CODEC, new MessageGenerator(new ByteChoices(data), 1_750_000_000L).any());
        CodecChecks.decodeArbitrary(CODEC, encoded);
    }
}
