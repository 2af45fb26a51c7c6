package io.mintp2p.core.time;

/** A scheduled task that can be called off; cancelling twice or after it ran is harmless. */
@FunctionalInterface
public interface Cancellable {
    void cancel();

    Cancellable NONE = () -> { };
}
