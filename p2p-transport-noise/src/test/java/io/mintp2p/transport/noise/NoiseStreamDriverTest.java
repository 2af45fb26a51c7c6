package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fuzz targets' driver does what they assume: a genuine stream passes, a hostile one is refused by kind. */
class NoiseStreamDriverTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aGenuineInitiatorsStreamGivesItsRecordsAtAnyChunking() {
        byte[] stream = NoiseStreamDriver.genuineInitiator(2, HELLO, HELLO);
        for (int chunk = 0; chunk < 70; chunk++) {
            NoiseStreamDriver.Outcome o = NoiseStreamDriver.respond(stream, chunk);
            assertThat(o.handshakeMessagesRead()).isEqualTo(2);
            assertThat(o.plaintexts()).containsExactly(HELLO, HELLO);
            assertThat(o.refusal()).isNull();
            assertThat(o.leftOver()).isZero();
        }
    }

    @Test
    void hostileStreamsAreRefusedByKind() {
        assertThat(NoiseStreamDriver.respond("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), 0).refusal())
                .isEqualTo(NoiseException.Kind.BAD_HANDSHAKE_MESSAGE);
        byte[] forgedRecord = NoiseRecordReaderTest.concat(NoiseStreamDriver.genuineInitiator(2), new byte[] {20, 0},
                new byte[20]);
        assertThat(NoiseStreamDriver.respond(forgedRecord, 0).refusal()).isEqualTo(NoiseException.Kind.BAD_TAG);
        byte[] emptyRecord = NoiseRecordReaderTest.concat(NoiseStreamDriver.genuineInitiator(2), new byte[] {0, 0});
        assertThat(NoiseStreamDriver.respond(emptyRecord, 0).refusal()).isEqualTo(NoiseException.Kind.EMPTY_RECORD);
        byte[] forgedMessage3 = NoiseStreamDriver.genuineInitiator(2);
        forgedMessage3[40] ^= 1;
        assertThat(NoiseStreamDriver.respond(forgedMessage3, 3).refusal()).isEqualTo(NoiseException.Kind.BAD_HANDSHAKE_MESSAGE);
    }
}
