package io.mintp2p.core.wire;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The codec behind {@link ScaleCodecs#record}: a struct's fields in order (SCALE: nothing between
 * them), each with its codec and getter, and a constructor taking the decoded values in that order.
 * One mechanism for every arity, so the public overloads only adapt their typed constructor.
 * Immutable and thread-safe; encodes and decodes on the caller's thread.
 */
final class RecordCodec<T> implements ScaleCodec<T> {
    /** One field: its codec and the getter that reads it from the value. */
    record Field<T, V>(ScaleCodec<V> codec, Function<? super T, ? extends V> getter) {
        Field {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(getter, "getter");
        }

        void encodeFrom(T value, ScaleWriter out) {
            codec.encode(getter.apply(value), out);
        }
    }

    /** Makes the value from the decoded fields, in field order. */
    @FunctionalInterface
    interface Constructor<T> {
        T create(Object[] fields);
    }

    private final List<Field<T, ?>> fields;
    private final Constructor<? extends T> constructor;

    RecordCodec(List<Field<T, ?>> fields, Constructor<? extends T> constructor) {
        this.fields = List.copyOf(fields);
        this.constructor = Objects.requireNonNull(constructor, "ctor");
    }

    static <T, V> Field<T, V> field(ScaleCodec<V> codec, Function<? super T, ? extends V> getter) {
        return new Field<>(codec, getter);
    }

    @Override
    public void encode(T value, ScaleWriter out) {
        for (Field<T, ?> f : fields) {
            f.encodeFrom(value, out);
        }
    }

    @Override
    public T decode(ScaleReader in) throws DecodeException {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields.get(i).codec().decode(in);
        }
        T value;
        try {
            value = constructor.create(values);
        } catch (RuntimeException e) {
            // A constructor refusing its fields (a compact constructor's check) means the peer's input is malformed.
            throw new DecodeException("record refused its fields: " + e.getMessage());
        }
        if (value == null) {
            throw new DecodeException("record constructor returned null");
        }
        return value;
    }
}
