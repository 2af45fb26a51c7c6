package io.mintp2p.core.peers.book;

import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Addresses forgotten after failing, with when (monotonic ms): not taken back from gossip for
 * {@link #FORGOTTEN_FOR}. Bounded, the oldest dropped first. Book-internal; single thread.
 */
final class ForgottenAddresses {
    /**
     * A forgotten address is not taken back from gossip for this long: dead nodes' addresses keep
     * circulating in other books, and would otherwise come back as fast as they are forgotten.
     */
    static final Duration FORGOTTEN_FOR = Duration.ofHours(1);
    static final int MAX_FORGOTTEN = 10_000;

    private final Map<TransportAddress, Long> forgotten = new LinkedHashMap<>();
    private final LongSupplier monotonicMillis;

    ForgottenAddresses(LongSupplier monotonicMillis) {
        this.monotonicMillis = monotonicMillis;
    }

    /** Forgotten less than {@link #FORGOTTEN_FOR} ago; an older quarantine is lifted on the way. */
    boolean isRecent(TransportAddress address) {
        if (forgotten.isEmpty()) {
            return false;
        }
        Long at = forgotten.get(address);
        if (at == null) {
            return false;
        }
        if (monotonicMillis.getAsLong() - at < FORGOTTEN_FOR.toMillis()) {
            return true;
        }
        forgotten.remove(address);
        return false;
    }

    void forgetNow(TransportAddress address) {
        forgotten.put(address, monotonicMillis.getAsLong());
        if (forgotten.size() > MAX_FORGOTTEN) {
            forgotten.remove(forgotten.keySet().iterator().next());
        }
    }

    /** Lifts the quarantine; when it was forgotten, or null if it was not. */
    Long lift(TransportAddress address) {
        return forgotten.isEmpty() ? null : forgotten.remove(address); // no hash of the address when none
    }

    /** Puts back a quarantine {@link #lift} took, with its time (as the newest). */
    void restore(TransportAddress address, Long forgottenAt) {
        forgotten.put(address, forgottenAt);
    }

    /** Up to {@code max} forgotten addresses passing the filter, forgotten longest ago first. */
    List<TransportAddress> oldest(int max, Predicate<TransportAddress> eligible) {
        List<TransportAddress> picked = new ArrayList<>();
        for (TransportAddress a : forgotten.keySet()) {
            if (picked.size() == max) {
                break;
            }
            if (eligible.test(a)) {
                picked.add(a);
            }
        }
        return picked;
    }
}
