package io.mintp2p.core.fuzz;

/**
 * A source of decisions for building test inputs: fuzzer bytes in a fuzz target, a seeded random
 * generator in a property test. Generators take one of these, so both share one input model.
 */
public interface Choices {
    /** A value in {@code [0, bound)}; {@code bound} is at least 1. */
    int pick(int bound);

    int anyInt();

    long anyLong();

    default boolean flip() {
        return pick(2) == 1;
    }

    /** Exactly {@code n} bytes. */
    byte[] bytes(int n);

    /** At most {@code maxChars} characters from U+0000 to U+D7FF, so UTF-8 encodes them losslessly. */
    default String text(int maxChars) {
        int n = pick(maxChars + 1);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = (char) Integer.remainderUnsigned(anyInt(), 0xD800);
        }
        return new String(chars);
    }

    /** True when a fuzz input is used up; a random source never is. */
    boolean exhausted();
}
