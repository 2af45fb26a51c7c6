package io.mintp2p.core.peers.book;

import io.mintp2p.core.transport.TransportAddress;

/**
 * IPv4 hosts of book entries as their 32 bits: what lets a {@link KnownAddress} drop the host string.
 * Only the canonical dotted quad ("1.2.3.4", no leading zeros) is compact, so the text built back
 * by {@link #format} is the very host the address had. Book-internal; stateless.
 */
final class Ipv4Hosts {
    private Ipv4Hosts() {
    }

    /**
     * The host's 32 bits (0 to 2^32-1) when the address is a canonical IPv4 literal without a pinned
     * identity, else -1. Allocates nothing.
     */
    static long bits(TransportAddress a) {
        if (a.pinnedIdentity().isPresent()) {
            return -1;
        }
        String host = a.host();
        int n = host.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long bits = 0;
        int parts = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && host.charAt(i) != '.') {
                char c = host.charAt(i);
                if (c < '0' || c > '9' || i - start == 3) {
                    return -1;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || digits > 1 && host.charAt(start) == '0') {
                return -1;
            }
            bits = bits << 8 | value;
            parts++;
            if (i < n) {
                i++; // the dot
                if (i == n) {
                    return -1; // a trailing dot
                }
            }
        }
        return parts == 4 ? bits : -1;
    }

    /** The dotted quad of the bits. */
    static String format(int bits) {
        return (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF);
    }
}
