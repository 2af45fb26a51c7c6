package io.mintp2p.core.wire;

/** Writes the SCALE body of an application message (after its index byte). */
@FunctionalInterface
public interface ScaleEncoder<T> {
    void encode(T value, ScaleWriter out);
}
