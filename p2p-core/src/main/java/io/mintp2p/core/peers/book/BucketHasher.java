package io.mintp2p.core.peers.book;

import io.mintp2p.core.transport.TransportAddress;

/**
 * Where an address goes in the book, by a secret salt: Bitcoin Core's bucket and position
 * formulas over a salted FNV-1a of the UTF-8 of "a", a zero byte and "b", then SplitMix64's
 * finalizer. These are the slots the strings gave when they were built, so a saved book loads
 * into the buckets it left; the strings are fed char by char instead, as this runs for every
 * address heard of. Immutable; any thread.
 */
final class BucketHasher {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long salt;
    private final AddressBook.Tables tables;

    BucketHasher(long salt, AddressBook.Tables tables) {
        this.salt = salt;
        this.tables = tables;
    }

    long salt() {
        return salt;
    }

    /** The "new" slot: the source group picks 1/16 of the buckets, the address group one of those. */
    int newSlot(String source, String group, TransportAddress address) {
        long ofSource = separator(utf8(start(), source));
        long perSource = Long.remainderUnsigned(finish(utf8(ofSource, group)), tables.newBucketsPerSourceGroup());
        int bucket = (int) Long.remainderUnsigned(finish(decimal(ofSource, perSource)), tables.newBuckets());
        return bucket * AddressBook.BUCKET_SIZE + position(bucket, address);
    }

    /** The "tried" slot: the address picks one of its group's few buckets. */
    int triedSlot(TransportAddress address, String group) {
        long perGroup = Long.remainderUnsigned(finish(separator(address(start(), address))),
                tables.triedBucketsPerGroup());
        int bucket = (int) Long.remainderUnsigned(finish(decimal(separator(utf8(start(), group)), perGroup)),
                tables.triedBuckets());
        return bucket * AddressBook.BUCKET_SIZE + position(bucket, address);
    }

    private int position(int bucket, TransportAddress address) {
        return (int) Long.remainderUnsigned(finish(decimal(separator(address(start(), address)), bucket)),
                AddressBook.BUCKET_SIZE);
    }

    /** A group by its salted hash: equal for equal names, and no one without the salt can make two collide. */
    long groupKey(String group) {
        return finish(utf8(start(), group));
    }

    private long start() {
        return FNV_OFFSET ^ salt;
    }

    private static long octet(long h, int b) {
        return (h ^ (b & 0xFF)) * FNV_PRIME;
    }

    private static long separator(long h) {
        return octet(h, 0);
    }

    /** The UTF-8 bytes of the string, as {@code getBytes(UTF_8)} gives them. */
    private static long utf8(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = octet(h, c);
            } else if (c < 0x800) {
                h = octet(octet(h, 0xC0 | c >> 6), 0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                h = octet(octet(octet(octet(h, 0xF0 | cp >> 18), 0x80 | cp >> 12 & 0x3F), 0x80 | cp >> 6 & 0x3F),
                        0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                h = octet(h, '?'); // what getBytes makes of a lone surrogate
            } else {
                h = octet(octet(octet(h, 0xE0 | c >> 12), 0x80 | c >> 6 & 0x3F), 0x80 | c & 0x3F);
            }
        }
        return h;
    }

    /** The decimal digits of a number that is not negative, as {@code Long.toString} writes them. */
    private static long decimal(long h, long v) {
        long scale = 1;
        while (v / scale >= 10) {
            scale *= 10;
        }
        for (; scale > 0; scale /= 10) {
            h = octet(h, '0' + (int) (v / scale % 10));
        }
        return h;
    }

    /** The address as {@link TransportAddress#toString()} writes it. */
    private static long address(long h, TransportAddress a) {
        h = utf8(utf8(h, a.scheme()), "://");
        boolean v6 = a.host().indexOf(':') >= 0;
        if (v6) {
            h = octet(h, '[');
        }
        h = utf8(h, a.host());
        if (v6) {
            h = octet(h, ']');
        }
        h = decimal(octet(h, ':'), a.port());
        if (a.pinnedIdentity().isPresent()) {
            h = utf8(octet(h, '#'), a.pinnedIdentity().get().hex());
        }
        return h;
    }

    private long finish(long h) {
        h ^= salt;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
