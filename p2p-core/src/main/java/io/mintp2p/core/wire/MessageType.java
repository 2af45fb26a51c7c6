package io.mintp2p.core.wire;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * An application message type a node builder registers: its {@code Message} enum index on the
 * wire, the application service bit a peer must advertise to receive it, and its SCALE body codec.
 * Declared in a few lines with {@link ScaleCodecs} (docs/message-types.md):
 * <pre>{@code
 * static final ServiceFlags CHAIN_BIT = ServiceFlags.application(20);
 * static final MessageType<List<Header>> HEADERS =
 *         MessageType.of(65, "headers", CHAIN_BIT, ScaleCodecs.list(HEADER, 2000));
 * }</pre>
 * <p>Indices: 0-13 are Mintlayer's (control messages and its chain messages) and 255 its test
 * sentinel; {@link MessageRegistry} refuses them, and refuses two types with one index or one name.
 * 14-254 are accepted; use 64 and up by convention, leaving 14-63 to Mintlayer's next messages.
 * <p>Service bit: one bit of 16-63 ({@link ServiceFlags#application}). Several types may share one
 * bit, and a protocol normally does: all its types, requests and responses alike, on one bit that
 * says "I speak this protocol". A message is sent only to peers advertising its type's bit.
 * <p>Immutable and thread-safe; nothing here blocks.
 */
public final class MessageType<T> {
    private final int index;
    private final String name;
    private final ServiceFlags service;
    private final ScaleEncoder<T> encoder;
    private final ScaleDecoder<T> decoder;
    private final boolean useful;

    private MessageType(int index, String name, ServiceFlags service,
                        ScaleEncoder<T> encoder, ScaleDecoder<T> decoder, boolean useful) {
        if (index < 0 || index > 0xFF) {
            throw new IllegalArgumentException("message index must be 0-255, got " + index);
        }
        if (Long.bitCount(service.bits()) != 1 || service.lowestBit() < Services.FIRST_APPLICATION_BIT) {
            throw new IllegalArgumentException("the service of '" + name + "' must be one application bit ("
                    + Services.FIRST_APPLICATION_BIT + "-63, see ServiceFlags.application), got " + service);
        }
        this.index = index;
        this.name = Objects.requireNonNull(name, "name");
        this.service = service;
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.useful = useful;
    }

    /**
     * A type with index {@code index} (64 and up by convention), a peer receives only if it advertises
     * {@code service} (one bit from {@link ServiceFlags#application}, which other types may share).
     * The reserved indices are refused when the type is registered, not here.
     *
     * @param <T>     the body's type
     * @param index   the index byte on the wire
     * @param name    unique in a registry; for logs and metrics
     * @param service the application bit a receiver must advertise
     * @param encoder writes a body
     * @param decoder reads a body
     * @return the type
     * @throws IllegalArgumentException if the index is not 0-255 or {@code service} is not one application bit
     */
    public static <T> MessageType<T> of(int index, String name, ServiceFlags service,
                                        ScaleEncoder<T> encoder, ScaleDecoder<T> decoder) {
        return new MessageType<>(index, name, service, encoder, decoder, true);
    }

    /**
     * As {@link #of(int, String, ServiceFlags, ScaleEncoder, ScaleDecoder)}, with both halves of the codec in one value.
     *
     * @param <T>     the body's type
     * @param index   the index byte on the wire
     * @param name    unique in a registry; for logs and metrics
     * @param service the application bit a receiver must advertise
     * @param codec   writes and reads a body
     * @return the type
     * @throws IllegalArgumentException as for the other {@code of}
     */
    public static <T> MessageType<T> of(int index, String name, ServiceFlags service, ScaleCodec<T> codec) {
        return of(index, name, service, codec, codec);
    }

    /**
     * A type whose body is an opaque byte string (SCALE {@code Vec<u8>}, as {@code ScaleWriter.bytes}
     * writes it, so it interoperates with a {@code byte[]} type of the same index) received without a
     * copy: a handler gets a view of the frame as it was read, released by the node once every handler
     * of the message returned. A handler that keeps the body beyond its call must {@code retain()} it
     * (and release it later) or copy it. A body passed to a send is copied into the frame and stays
     * the caller's (the node does not release it). For bodies of kilobytes and more, where the copy
     * and the array a {@code byte[]} type allocates per message are a visible cost (BENCHMARKS.md).
     * <p>
     * Memory: a view keeps the whole socket-read buffer it came from alive until it is released, and
     * the node's read budget counts message sizes, not those buffers. While a peer's handlers are
     * slow, its waiting views can hold up to {@code maxInFlightMessages} read buffers, each about one
     * socket read (Netty reads at most 64 KiB at a time) beyond the message bytes the budget counts:
     * with the defaults up to ~16 MiB more than the 4 MiB of {@code maxInFlightBytes}, still bounded
     * per peer; a {@code byte[]} type holds only its bodies. Copying small bodies out instead was tried
     * and cost a third of the 1 KiB throughput (BENCHMARKS.md, step 4).
     *
     * @param index    the index byte on the wire
     * @param name     unique in a registry; for logs and metrics
     * @param service  the application bit a receiver must advertise
     * @param maxBytes the largest body accepted; a peer announcing more fails to decode
     * @return the type
     * @throws IllegalArgumentException as for {@link #of(int, String, ServiceFlags, ScaleEncoder, ScaleDecoder) of}
     */
    public static MessageType<ByteBuf> ofBytesView(int index, String name, ServiceFlags service, int maxBytes) {
        return of(index, name, service, (body, out) -> out.bytes(body), in -> in.bytesView(maxBytes));
    }

    /**
     * The same type, but receiving it does not make a peer "useful": inbound eviction protects
     * peers that recently delivered useful messages, and outbound slots keep the useful ones, so
     * cheap or chatty types (a peer can send them at will) should not count. By default every type counts.
     *
     * @return a new type with the same index, name, bit and codec; register it instead of this one
     */
    public MessageType<T> notCountedAsUseful() {
        return new MessageType<>(index, name, service, encoder, decoder, false);
    }

    /**
     * Whether receiving this type counts towards the sender's usefulness (see {@link #notCountedAsUseful}).
     *
     * @return true unless made by {@link #notCountedAsUseful}
     */
    public boolean countsAsUseful() {
        return useful;
    }

    /**
     * The type's {@code Message} enum index, the first byte of its payload on the wire.
     *
     * @return 0 to 255
     */
    public int index() {
        return index;
    }

    /**
     * The name given at declaration, unique in a registry; for logs and errors.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The one application bit a peer must advertise to be sent this type.
     *
     * @return a single bit of 16-63
     */
    public ServiceFlags service() {
        return service;
    }

    /**
     * Writes a body of this type (on the sending thread).
     *
     * @return the encoder
     */
    public ScaleEncoder<T> encoder() {
        return encoder;
    }

    /**
     * Reads a body of this type (on the transport's I/O thread).
     *
     * @return the decoder
     */
    public ScaleDecoder<T> decoder() {
        return decoder;
    }

    /**
     * Wraps a body of this type into a message.
     *
     * @param body the body, not null
     * @return the message to encode
     */
    public AppMessage<T> message(T body) {
        return new AppMessage<>(this, body);
    }

    @Override
    public String toString() {
        return name + "#" + index;
    }
}
