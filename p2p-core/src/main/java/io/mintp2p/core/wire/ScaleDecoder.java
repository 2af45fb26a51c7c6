package io.mintp2p.core.wire;

/**
 * Reads the SCALE body of an application message, or a part of one (a list item, a record field);
 * must throw {@link DecodeException}, never a runtime exception, and never return null. Runs on the
 * transport's I/O thread; must not block. Ready ones: {@link ScaleCodecs}.
 */
@FunctionalInterface
public interface ScaleDecoder<T> {
    /**
     * The value read from {@code in}, which is left after its last byte.
     *
     * @param in the reader, positioned at the value's first byte
     * @return the value, never null
     * @throws DecodeException if the bytes are not a valid value
     */
    T decode(ScaleReader in) throws DecodeException;
}
