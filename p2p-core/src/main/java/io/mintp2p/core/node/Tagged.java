package io.mintp2p.core.node;

import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.ScaleDecoder;
import io.mintp2p.core.wire.ScaleEncoder;

/** A correlated request or response body on the wire: a u32 request id (SCALE, little endian), then the body. */
record Tagged<T>(long id, T body) {
    static <T> ScaleEncoder<Tagged<T>> encoder(ScaleCodec<T> codec) {
        return (t, w) -> codec.encode(t.body(), w.u32(t.id()));
    }

    static <T> ScaleDecoder<Tagged<T>> decoder(ScaleCodec<T> codec) {
        return r -> {
            long id = r.u32();
            return new Tagged<>(id, codec.decode(r));
        };
    }
}
