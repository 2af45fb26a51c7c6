package io.mintp2p.bench;

import java.time.Duration;

/**
 * How much work each scenario does. Counts are per measured node round (the baselines, far faster,
 * get more so their rounds last long enough to time). {@code quick} fits in under 3 minutes on 2 cores.
 */
record BenchSettings(boolean quick, int rounds, long messages64B, long messages1KiB, long messages64KiB,
                     long messagesTls, long broadcastMessages, int broadcastPeers, int roundTrips, int connects,
                     int idlePeers, int[] simSizes, Duration simWallCap, double warmUpSeconds,
                     double warmUpCapSeconds, double connectWarmUpSeconds) {

    static BenchSettings quickRun() {
        return new BenchSettings(true, 5, 150_000, 100_000, 4_000, 60_000, 10_000, 16, 2_000, 100, 5_000,
                new int[] {1000}, Duration.ofSeconds(75), 1.0, 6.0, 10.0);
    }

    static BenchSettings fullRun() {
        return new BenchSettings(false, 5, 500_000, 300_000, 15_000, 200_000, 30_000, 16, 10_000, 300, 5_000,
                new int[] {1000, 10_000}, Duration.ofMinutes(10), 3.0, 20.0, 20.0);
    }
}
