package io.mintp2p.core.node;

import io.mintp2p.core.session.RemoteHello;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One instance of each Hello that peers sent recently, so that the peers of one software (most of a
 * network) share one record, not a {@link RemoteHello} and its software version each (64 B per idle
 * peer, BENCHMARKS.md). Bounded, least recently seen out first: a remote can send any number of
 * different Hellos, and only the common ones are worth sharing. Node thread only.
 */
final class SharedHellos {
    static final int KEPT = 32;
    private final Map<RemoteHello, RemoteHello> recent = new LinkedHashMap<>(2 * KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RemoteHello, RemoteHello> eldest) {
            return size() > KEPT;
        }
    };

    /** {@code hello}, or an equal one kept before. */
    RemoteHello share(RemoteHello hello) {
        RemoteHello kept = recent.putIfAbsent(hello, hello);
        return kept != null ? kept : hello;
    }
}
