package io.mintp2p.core.wire;

import io.netty.util.ReferenceCountUtil;
import java.util.Objects;

/**
 * An application message of a type registered in the {@link MessageRegistry}.
 *
 * @param <T>  the body's type
 * @param type the registered type
 * @param body the decoded body, or the body to send
 */
public record AppMessage<T>(MessageType<T> type, T body) implements Message {
    /**
     * Checks both are present.
     *
     * @param type the registered type
     * @param body the body
     */
    public AppMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Receiving side: gives back a body that holds part of the received frame (a reference-counted
     * body, such as one of {@link MessageType#ofBytesView}) once nobody needs it; any other body is
     * left alone. Never called on a body the application passed to a send: that stays the caller's.
     */
    public void releaseBody() {
        ReferenceCountUtil.release(body);
    }

    @Override
    public String typeName() {
        return type.name();
    }
}
