package io.mintp2p.core.wire;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.fuzz.CodecChecks;
import io.mintp2p.core.fuzz.MessageGenerator;
import io.mintp2p.core.fuzz.RandomChoices;
import io.mintp2p.core.fuzz.TestMessages;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of the codec over random messages and random or mutated bytes, from fixed seeds so a
 * failure reproduces. The fuzz targets in {@code io.mintp2p.core.fuzz} check the same with coverage.
 */
class CodecPropertiesTest {
    private static final int TRIES = 20_000;
    private final MessageCodec codec = TestMessages.codec();

    @Test
    void decodeOfEncodeIsIdentity() {
        SplittableRandom random = new SplittableRandom(0x5EED_0001L);
        MessageGenerator messages = new MessageGenerator(new RandomChoices(random), 1_750_000_000L);
        for (int i = 0; i < TRIES; i++) {
            CodecChecks.roundTrip(codec, messages.any());
        }
    }

    @Test
    void randomBytesGiveAMessageOrADecodeException() {
        SplittableRandom random = new SplittableRandom(0x5EED_0002L);
        for (int i = 0; i < TRIES; i++) {
            byte[] bytes = new byte[random.nextInt(201)];
            random.nextBytes(bytes);
            CodecChecks.decodeArbitrary(codec, bytes);
        }
    }

    @Test
    void mutatedEncodingsGiveAMessageOrADecodeException() {
        SplittableRandom random = new SplittableRandom(0x5EED_0003L);
        MessageGenerator messages = new MessageGenerator(new RandomChoices(random), 1_750_000_000L);
        for (int i = 0; i < TRIES; i++) {
            byte[] bytes = CodecChecks.roundTrip(codec, messages.any());
            int at = random.nextInt(bytes.length);
            if (random.nextBoolean()) {
                bytes = Arrays.copyOf(bytes, at);
            } else {
                bytes[at] = (byte) random.nextInt();
            }
            CodecChecks.decodeArbitrary(codec, bytes);
        }
    }

    @Test
    void registryRefusesReservedIndices() {
        for (int reserved : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 255}) {
            MessageType<String> bad = MessageType.of(reserved, "bad", ServiceFlags.application(20),
                    (s, w) -> { }, r -> "");
            assertThatThrownBy(() -> MessageRegistry.builder().register(bad)).hasMessageContaining("reserved");
        }
    }
}
