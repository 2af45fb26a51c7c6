package io.mintp2p.bench.sim;

import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.inmemory.sim.SimNode;
import io.mintp2p.inmemory.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * After convergence, {@link #CHURN_SHARE} of the nodes crash (no goodbye; never a boot node) and as
 * many new ones join, one crash and one join at a time, evenly over a virtual day. Every virtual hour:
 * connectivity (components, share of the largest), dials to dead addresses, and book quality: the
 * share of book entries naming a live node, over up to {@link #BOOK_SAMPLE} live nodes (every k-th).
 */
final class ChurnScenario implements SimScenario {
    static final double CHURN_SHARE = 0.30;
    static final Duration PERIOD = Duration.ofDays(1);
    static final Duration SAMPLE_EVERY = Duration.ofHours(1);
    static final int BOOK_SAMPLE = 200;

    @Override
    public void run(SimRun run) {
        Simulation sim = run.sim();
        run.samplePeriod(ConvergeScenario.samplePeriod(run.options()));
        run.measureBookLiveShare(() -> bookLiveShare(sim));
        run.growAndConverge(run.options().nodes());
        run.samplePeriod(SAMPLE_EVERY);
        double bookBefore = run.lastSample().bookLiveShare();
        int firstHourly = run.seriesSize();

        int churned = (int) Math.round(sim.liveNodes().size() * CHURN_SHARE);
        SplittableRandom random = new SplittableRandom(run.options().seed() ^ 0x6368_7572_6eL);
        Duration step = PERIOD.dividedBy(Math.max(1, churned));
        long end = sim.scheduler().millis() + PERIOD.toMillis();
        int bootNodes = run.options().bootNodes();
        // The live non-boot nodes in the order added, kept as nodes crash and join: rebuilding it for
        // each of 30 000 crashes of a 100 000-node run would be quadratic.
        List<SimNode> candidates = new ArrayList<>(sim.liveNodes().stream().skip(bootNodes).toList());
        for (int i = 0; i < churned; i++) {
            if (!candidates.isEmpty()) {
                sim.crash(candidates.remove(random.nextInt(candidates.size())));
            }
            run.advance(step.dividedBy(2));
            candidates.add(run.net().add());
            run.advance(step.dividedBy(2));
        }
        run.advance(Duration.ofMillis(Math.max(0, end - sim.scheduler().millis())));
        List<Sample> hourly = run.seriesSince(firstHourly);
        run.figure("churned", churned);
        run.figure("book_live_share_before", bookBefore);
        run.figure("book_live_share_after", hourly.isEmpty() ? Double.NaN : hourly.get(hourly.size() - 1).bookLiveShare());
        run.figure("max_components_hourly", hourly.stream().mapToInt(Sample::components).max().orElse(0));
        run.figure("min_largest_share_hourly", hourly.stream().mapToDouble(Sample::largestShare).min().orElse(Double.NaN));
        run.figure("dead_dials_day", hourly.stream().mapToLong(Sample::deadDials).sum());
        run.figure("dead_dials_last_hour", hourly.isEmpty() ? Double.NaN : hourly.get(hourly.size() - 1).deadDials());
        run.figure("failed_dials_day", hourly.stream().mapToLong(Sample::failedDials).sum());
    }

    /** Share of the sampled live nodes' book entries whose host is a live node. */
    static double bookLiveShare(Simulation sim) {
        List<SimNode> live = sim.liveNodes();
        Set<String> liveHosts = new HashSet<>();
        live.forEach(n -> liveHosts.add(n.ip()));
        int every = Math.max(1, live.size() / BOOK_SAMPLE);
        long entries = 0;
        long alive = 0;
        for (int i = 0; i < live.size(); i += every) {
            for (AddressBookEntry e : live.get(i).node().addresses().join()) {
                entries++;
                if (liveHosts.contains(e.address().host())) {
                    alive++;
                }
            }
        }
        return entries == 0 ? Double.NaN : alive / (double) entries;
    }
}
