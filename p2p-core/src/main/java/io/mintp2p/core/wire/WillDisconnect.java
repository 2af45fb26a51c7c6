package io.mintp2p.core.wire;

import java.util.Objects;

/** Free-form reason sent before closing, only to peers at protocol version 3 or more. */
public record WillDisconnect(String reason) implements Message {
    public WillDisconnect {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String typeName() {
        return "will_disconnect";
    }
}
