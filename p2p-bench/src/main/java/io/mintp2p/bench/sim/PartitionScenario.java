package io.mintp2p.bench.sim;

import io.mintp2p.inmemory.sim.SimNode;
import io.mintp2p.inmemory.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * After convergence the live nodes are split into two halves drawn by seed
 * ({@link Simulation#partition}: links across are cut, dials across refused) for {@link #SPLIT}, then
 * healed. Reports the components during the split, the time after the heal until the graph is one
 * component again (NaN if not within {@link #HEAL_CAP}), and the share of nodes at their target at
 * the split's end and at the run's end ({@link #AFTER_ONE} after the graph is whole again), and the
 * share of that window's samples in which it is one component. Without application traffic no peer
 * is ever useful, so a link across (a feeler, a block-relay peer on trial) is not kept over the
 * peers a node has: the halves are bridged from time to time, not merged for good.
 */
final class PartitionScenario implements SimScenario {
    static final Duration SPLIT = Duration.ofHours(1);
    static final Duration HEAL_CAP = Duration.ofHours(1);
    static final Duration AFTER_ONE = Duration.ofMinutes(10);
    static final Duration SAMPLE_SPLIT = Duration.ofMinutes(1);
    static final Duration SAMPLE_HEAL = Duration.ofSeconds(10);

    @Override
    public void run(SimRun run) {
        run.samplePeriod(ConvergeScenario.samplePeriod(run.options()));
        run.growAndConverge(run.options().nodes());
        Simulation sim = run.sim();
        List<SimNode> live = new ArrayList<>(sim.liveNodes());
        Collections.shuffle(live, new Random(run.options().seed()));
        Set<SimNode> a = new HashSet<>(live.subList(0, live.size() / 2));
        Set<SimNode> b = new HashSet<>(live.subList(live.size() / 2, live.size()));
        sim.partition(a, b);
        run.samplePeriod(SAMPLE_SPLIT);
        int first = run.seriesSize();
        run.advance(SPLIT);
        List<Sample> during = run.seriesSince(first);
        Sample endOfSplit = run.lastSample();
        sim.heal();
        long healedAt = sim.scheduler().millis();
        run.samplePeriod(SAMPLE_HEAL);
        double oneAfter = Double.NaN;
        long cap = healedAt + HEAL_CAP.toMillis();
        while (sim.scheduler().millis() < cap) {
            run.advance(SAMPLE_HEAL);
            Sample s = run.lastSample();
            if (s.components() == 1) {
                oneAfter = (sim.scheduler().millis() - healedAt) / 1e3;
                break;
            }
        }
        int afterFirst = run.seriesSize();
        run.advance(AFTER_ONE);
        List<Sample> after = run.seriesSince(afterFirst);
        run.figure("components_during_min", during.stream().mapToInt(Sample::components).min().orElse(0));
        run.figure("components_during_max", during.stream().mapToInt(Sample::components).max().orElse(0));
        run.figure("components_end_of_split", endOfSplit.components());
        run.figure("at_target_share_end_of_split", endOfSplit.live() == 0 ? 0 : endOfSplit.atTarget() / (double) endOfSplit.live());
        run.figure("time_to_one_component_after_heal_s", oneAfter);
        run.figure("one_component_share_after", after.isEmpty() ? Double.NaN
                : after.stream().filter(x -> x.components() == 1).count() / (double) after.size());
    }
}
