package io.mintp2p.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * Bytes that are already whole frames (header and payload each), several small frames copied into
 * one buffer by the {@link Outbox}: the frame handler writes them as they are. A holder, so whoever
 * drops it on the way (a closed channel) releases the bytes.
 */
final class FramedBytes extends DefaultByteBufHolder {
    FramedBytes(ByteBuf frames) {
        super(frames);
    }
}
