package io.mintp2p.attack;

import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.Services;

/** The application message of the attacks: opaque bytes (at most 4 KiB) on index 70, service bit 20. */
public final class Blob {
    public static final ServiceFlags SERVICE = ServiceFlags.application(Services.FIRST_APPLICATION_BIT + 4);
    public static final MessageType<byte[]> TYPE = MessageType.of(70, "attack-blob", SERVICE,
            (bytes, out) -> out.bytes(bytes), in -> in.bytes(4096));

    private Blob() {
    }
}
