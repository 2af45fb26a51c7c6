package io.mintp2p.core.fuzz;

/**
 * {@link Choices} read front to back from a fuzzer's bytes, little-endian; once the bytes run out
 * every choice is zero. Reading in order keeps seeds easy to write by hand (see FUZZING.md).
 */
public final class ByteChoices implements Choices {
    private final byte[] data;
    private int position;

    public ByteChoices(byte[] data) {
        this.data = data;
    }

    private long read(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (next() & 0xFF) << (8 * i);
        }
        return v;
    }

    private int next() {
        return position < data.length ? data[position++] : 0;
    }

    @Override
    public int pick(int bound) {
        int width = bound <= 0x100 ? 1 : bound <= 0x10000 ? 2 : 4;
        return (int) Long.remainderUnsigned(read(width), bound);
    }

    @Override
    public int anyInt() {
        return (int) read(4);
    }

    @Override
    public long anyLong() {
        return read(8);
    }

    @Override
    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) next();
        }
        return b;
    }

    @Override
    public boolean exhausted() {
        return position >= data.length;
    }
}
