package io.mintp2p.core.fuzz;

import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;

/** The registry the codec targets use: the control messages plus one application type, as a node builder adds it. */
public final class TestMessages {
    /** Decodes at most 1000 bytes, so the generators keep texts at 300 characters (900 UTF-8 bytes at most). */
    public static final MessageType<String> TEXT = MessageType.of(64, "text", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(1000));

    private TestMessages() {
    }

    public static MessageCodec codec() {
        return new MessageCodec(MessageRegistry.builder().register(TEXT).build());
    }
}
