package io.mintp2p.core.fuzz;

import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.ScaleCodecs;
import io.mintp2p.core.wire.ServiceFlags;
import java.util.List;
import java.util.Optional;

/**
 * The registry the codec targets use: the control messages plus application types as a node builder
 * adds them: a text, and a bounded list of records declared with {@link ScaleCodecs}, so the decode
 * targets reach {@code ScaleReader.list} and {@code option} (and the record builder) with hostile bytes.
 */
public final class TestMessages {
    /** Decodes at most 1000 bytes, so the generators keep texts at 300 characters (900 UTF-8 bytes at most). */
    public static final MessageType<String> TEXT = MessageType.of(64, "text", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(1000));

    /** One item of {@link #ENTRIES}: a u16, a {@code Compact<u64>} and an {@code Option<u8>}. */
    public record Entry(int kind, long amount, Optional<Integer> flag) {
    }

    static final ScaleCodec<Entry> ENTRY = ScaleCodecs.record(ScaleCodecs.u16(), Entry::kind,
            ScaleCodecs.compactU64(), Entry::amount, ScaleCodecs.option(ScaleCodecs.u8()), Entry::flag, Entry::new);

    /** {@code Vec<Entry>} of at most 8 items, on the same service bit as {@link #TEXT}. */
    public static final MessageType<List<Entry>> ENTRIES = MessageType.of(65, "entries", ServiceFlags.application(16),
            ScaleCodecs.list(ENTRY, 8));

    private TestMessages() {
    }

    public static MessageCodec codec() {
        return new MessageCodec(MessageRegistry.builder().register(TEXT).register(ENTRIES).build());
    }
}
