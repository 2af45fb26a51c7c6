package io.mintp2p.core.time;

/**
 * The protocol's only view of time, so that tests and the simulator can run on virtual time. Two
 * clocks on purpose: every duration (timeouts, keepalive, back-off, bans, RTT) is measured on the
 * monotonic one, so an NTP step or an operator changing the date fires nothing early or late; the
 * wall clock is only for Hello timestamps and expiry times written to disk.
 */
public interface Clock {
    /**
     * Wall-clock milliseconds since the Unix epoch (virtual in simulations).
     *
     * @return the time
     */
    long wallMillis();

    /**
     * Monotonic nanoseconds from an arbitrary origin; only differences mean anything.
     *
     * @return the time
     */
    long monotonicNanos();

    /**
     * Monotonic milliseconds from the same origin as {@link #monotonicNanos()}.
     *
     * @return the time
     */
    default long monotonicMillis() {
        return monotonicNanos() / 1_000_000L;
    }

    /**
     * Wall-clock seconds since the Unix epoch, as a Hello carries them.
     *
     * @return the time, rounded down
     */
    default long unixSeconds() {
        return Math.floorDiv(wallMillis(), 1000L);
    }

    /** The machine's clocks: {@code System.currentTimeMillis} and {@code System.nanoTime}. */
    Clock SYSTEM = new Clock() {
        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public long monotonicNanos() {
            return System.nanoTime();
        }
    };
}
