package io.mintp2p.core.time;

/** The protocol's only view of time, so that tests and the simulator can run on virtual time. */
public interface Clock {
    /** Milliseconds since the Unix epoch (virtual in simulations). */
    long millis();

    default long unixSeconds() {
        return Math.floorDiv(millis(), 1000L);
    }

    Clock SYSTEM = System::currentTimeMillis;
}
