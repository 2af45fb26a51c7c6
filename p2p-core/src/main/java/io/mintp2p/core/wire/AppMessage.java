package io.mintp2p.core.wire;

import java.util.Objects;

/** An application message of a type registered in the {@link MessageRegistry}. */
public record AppMessage<T>(MessageType<T> type, T body) implements Message {
    public AppMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
    }

    @Override
    public String typeName() {
        return type.name();
    }
}
