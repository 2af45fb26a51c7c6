package io.mintp2p.core.wire;

/**
 * Writes the SCALE body of an application message (after its index byte), or a part of one (a list
 * item, a record field). Runs on the sending thread; must not block. Ready ones: {@link ScaleCodecs}.
 */
@FunctionalInterface
public interface ScaleEncoder<T> {
    /**
     * Appends {@code value} to {@code out}; a value it cannot represent is an {@link IllegalArgumentException}.
     *
     * @param value the value to write
     * @param out   the writer to append to
     */
    void encode(T value, ScaleWriter out);
}
