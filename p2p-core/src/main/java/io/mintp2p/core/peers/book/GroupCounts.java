package io.mintp2p.core.peers.book;

/**
 * How many "new" entries each address group holds, groups named by a 64-bit hash: open addressing
 * over two arrays, no boxes and no map nodes, since a book may hold as many groups as entries
 * (private addresses are a group each where they are allowed). Groups at zero leave the table.
 */
final class GroupCounts {
    private static final int MIN_LENGTH = 16;

    private long[] keys = new long[MIN_LENGTH];
    private int[] counts = new int[MIN_LENGTH];
    private int size;

    int get(long group) {
        int i = find(group);
        return i < 0 ? 0 : counts[i];
    }

    void increment(long group) {
        int i = find(group);
        if (i >= 0) {
            counts[i]++;
            return;
        }
        if (2 * (size + 1) > keys.length) {
            resize(keys.length * 2);
        }
        insert(keys, counts, group, 1);
        size++;
    }

    void decrement(long group) {
        int i = find(group);
        if (i < 0) {
            return;
        }
        if (--counts[i] > 0) {
            return;
        }
        // Backward-shift deletion: later keys of the run move up, so no tombstones are needed.
        int mask = keys.length - 1;
        for (int j = (i + 1) & mask; counts[j] != 0; j = (j + 1) & mask) {
            int h = home(keys[j], mask);
            if (((j - h) & mask) >= ((j - i) & mask)) {
                keys[i] = keys[j];
                counts[i] = counts[j];
                i = j;
            }
        }
        counts[i] = 0;
        size--;
    }

    /** Groups with at least one entry. */
    int size() {
        return size;
    }

    /** The cell of the group, or -1; a cell is taken when its count is above zero. */
    private int find(long group) {
        int mask = keys.length - 1;
        for (int i = home(group, mask); counts[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == group) {
                return i;
            }
        }
        return -1;
    }

    private void resize(int length) {
        long[] newKeys = new long[length];
        int[] newCounts = new int[length];
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0) {
                insert(newKeys, newCounts, keys[i], counts[i]);
            }
        }
        keys = newKeys;
        counts = newCounts;
    }

    private static void insert(long[] keys, int[] counts, long group, int count) {
        int mask = keys.length - 1;
        int i = home(group, mask);
        while (counts[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = group;
        counts[i] = count;
    }

    /** Group keys are salted hashes already: their low bits are as good as any. */
    private static int home(long group, int mask) {
        return (int) group & mask;
    }
}
