package io.mintp2p.core.wire;

import java.util.Objects;

/**
 * Free-form reason sent before closing, only to peers at protocol version 3 or more.
 *
 * @param reason why the sender closes, for the receiver's log
 */
public record WillDisconnect(String reason) implements Message {
    /**
     * Checks the reason is present.
     *
     * @param reason why the sender closes
     */
    public WillDisconnect {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String typeName() {
        return "will_disconnect";
    }
}
