package io.mintp2p.core.wire;

/** Reads the SCALE body of an application message; must throw {@link DecodeException}, never a runtime exception. */
@FunctionalInterface
public interface ScaleDecoder<T> {
    T decode(ScaleReader in) throws DecodeException;
}
