package io.mintp2p.core.wire;

import java.util.Objects;

/**
 * Both halves of a SCALE body codec in one value, so a message type, a list element or a record
 * field is declared with one argument. Implementations are stateless and thread-safe.
 */
public interface ScaleCodec<T> extends ScaleEncoder<T>, ScaleDecoder<T> {

    /**
     * Joins an encoder and a decoder written separately (for instance as two lambdas).
     *
     * @param <T>     the value's type
     * @param encoder writes a value
     * @param decoder reads a value
     * @return a codec doing both
     */
    static <T> ScaleCodec<T> of(ScaleEncoder<T> encoder, ScaleDecoder<T> decoder) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
        return new ScaleCodec<>() {
            @Override
            public void encode(T value, ScaleWriter out) {
                encoder.encode(value, out);
            }

            @Override
            public T decode(ScaleReader in) throws DecodeException {
                return decoder.decode(in);
            }
        };
    }
}
