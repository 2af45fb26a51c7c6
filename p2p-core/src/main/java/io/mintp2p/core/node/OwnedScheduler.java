package io.mintp2p.core.node;

import io.mintp2p.core.time.EventLoopScheduler;
import java.util.Objects;

/**
 * The node's event loop when the node made it ({@link P2pModule} without {@code withScheduler}): the
 * node closes it once {@code stop()} completed, so a stopped node leaves no thread behind. A scheduler
 * the caller passed in stays theirs ({@link #NONE}). Bound by {@link P2pModule}; used on the node thread.
 */
final class OwnedScheduler {
    static final OwnedScheduler NONE = new OwnedScheduler(null);

    private final EventLoopScheduler scheduler;

    private OwnedScheduler(EventLoopScheduler scheduler) {
        this.scheduler = scheduler;
    }

    static OwnedScheduler of(EventLoopScheduler scheduler) {
        return new OwnedScheduler(Objects.requireNonNull(scheduler, "scheduler"));
    }

    /** Ends the node's own loop thread (a no-op for {@link #NONE}); called from that thread, last. */
    void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
