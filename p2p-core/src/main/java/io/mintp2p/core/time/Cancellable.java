package io.mintp2p.core.time;

/** A scheduled task that can be called off; cancelling twice or after it ran is harmless. */
@FunctionalInterface
public interface Cancellable {
    /** Calls the task off if it has not run. Any thread; does not block. */
    void cancel();

    /** Cancels nothing: for a task that was never scheduled. */
    Cancellable NONE = () -> { };
}
