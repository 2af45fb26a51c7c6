package io.mintp2p.core.wire;

import java.util.Objects;

/**
 * An application message type a node builder registers: its {@code Message} enum index on the
 * wire, the service bit a peer must advertise to receive it, and its SCALE body codec.
 * Indices 0-13 are Mintlayer's (control or reserved chain messages); use 64 and up by convention.
 */
public final class MessageType<T> {
    private final int index;
    private final String name;
    private final long serviceBit;
    private final Class<T> javaType;
    private final ScaleEncoder<T> encoder;
    private final ScaleDecoder<T> decoder;
    private final boolean useful;

    private MessageType(int index, String name, long serviceBit, Class<T> javaType,
                        ScaleEncoder<T> encoder, ScaleDecoder<T> decoder, boolean useful) {
        if (index < 0 || index > 0xFF) {
            throw new IllegalArgumentException("message index must be 0-255, got " + index);
        }
        if (Long.bitCount(serviceBit) != 1) {
            throw new IllegalArgumentException("serviceBit of '" + name + "' must be exactly one bit, got " + serviceBit);
        }
        this.index = index;
        this.name = Objects.requireNonNull(name, "name");
        this.serviceBit = serviceBit;
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.useful = useful;
    }

    public static <T> MessageType<T> of(int index, String name, long serviceBit, Class<T> javaType,
                                        ScaleEncoder<T> encoder, ScaleDecoder<T> decoder) {
        return new MessageType<>(index, name, serviceBit, javaType, encoder, decoder, true);
    }

    /**
     * The same type, but receiving it does not make a peer "useful": inbound eviction protects
     * peers that recently delivered useful messages, and outbound slots keep the useful ones, so
     * cheap or chatty types (a peer can send them at will) should not count. By default every type counts.
     */
    public MessageType<T> notCountedAsUseful() {
        return new MessageType<>(index, name, serviceBit, javaType, encoder, decoder, false);
    }

    /** Whether receiving this type counts towards the sender's usefulness (see {@link #notCountedAsUseful}). */
    public boolean countsAsUseful() {
        return useful;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public long serviceBit() {
        return serviceBit;
    }

    public Class<T> javaType() {
        return javaType;
    }

    public ScaleEncoder<T> encoder() {
        return encoder;
    }

    public ScaleDecoder<T> decoder() {
        return decoder;
    }

    /** Wraps a body of this type into a message. */
    public AppMessage<T> message(T body) {
        return new AppMessage<>(this, body);
    }

    @Override
    public String toString() {
        return name + "#" + index;
    }
}
