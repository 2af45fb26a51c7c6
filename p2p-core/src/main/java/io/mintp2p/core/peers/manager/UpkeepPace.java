package io.mintp2p.core.peers.manager;

import io.mintp2p.core.time.Cancellable;
import io.mintp2p.core.time.Scheduler;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * When the peer manager's upkeep runs: every {@link #TICK} while something waits, every
 * {@link #IDLE_TICK} once nothing does, and at once when {@link #wake()} says something may need doing.
 * <p>Node thread only; nothing blocks.
 */
final class UpkeepPace {
    /** The pace while a slot is to be filled, a dial is under way or a reserved peer is missing. */
    static final Duration TICK = Duration.ofSeconds(1);
    /**
     * The pace once nothing waits (the Mintlayer node's heartbeat runs every 5 to 30 s): an idle
     * node of a simulated 100 000 spent a third of its tasks on one-second ticks that found nothing
     * to do.
     */
    static final Duration IDLE_TICK = Duration.ofSeconds(5);

    private final Scheduler scheduler;
    private final Runnable upkeep;
    private final BooleanSupplier settled;
    private Cancellable timer = Cancellable.NONE;
    private long nextMillis;
    private boolean running;

    /**
     * @param upkeep  the work of a tick
     * @param settled whether nothing waits after a tick, so the next may come at the idle pace
     */
    UpkeepPace(Scheduler scheduler, Runnable upkeep, BooleanSupplier settled) {
        this.scheduler = scheduler;
        this.upkeep = upkeep;
        this.settled = settled;
    }

    /** The first tick a {@link #TICK} from now. */
    void start() {
        running = true;
        schedule(TICK);
    }

    void stop() {
        running = false;
        timer.cancel();
    }

    /**
     * Something may need doing (an outbound peer left): a tick right after this event instead of at
     * the idle pace (at the busy pace the next one is at most {@link #TICK} away); from there on the
     * busy pace. A burst of departures finds the tick already due.
     */
    void wake() {
        if (running && nextMillis - now() > TICK.toMillis()) {
            timer.cancel();
            schedule(Duration.ZERO);
        }
    }

    private void schedule(Duration in) {
        nextMillis = now() + in.toMillis();
        timer = scheduler.schedule(in, () -> {
            if (running) {
                upkeep.run();
                schedule(settled.getAsBoolean() ? IDLE_TICK : TICK);
            }
        });
    }

    private long now() {
        return scheduler.clock().monotonicMillis();
    }
}
