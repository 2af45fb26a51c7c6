package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The churn: a converged network of 200 nodes on public addresses (50 /16s, 3 boot nodes);
 * over one virtual hour 30 % of them crash (no goodbye) and as many new ones join, one of each every
 * minute, then the network runs ten hours more. The live nodes must stay one component, and dials
 * to the dead addresses must decline once the crashes stop. They do not at once: every book holds
 * every dead address (they were gossiped while alive), a dead address leaves a book only after a few
 * failed dials (tried entries are demoted after 5, new ones forgotten after 3 and not re-learned for
 * an hour), and failing entries are picked with a lower chance; feelers testing the demoted entries
 * first raise the failures, then the books empty of the dead and the dials fall. Figures per hour: failed dials (sum of every node's {@code stats().dialsFailed()}), dials
 * that found nobody (the network's own count), back-off entries of the live nodes, entries of their
 * books naming a dead host, components.
 */
@ExtendWith(SampledLeakDetection.class)
class ChurnSimulationTest {
    static final int NODES = 200;
    static final int GROUPS = 50;
    static final int BOOT_NODES = 3;
    static final int TARGET_OUTBOUND = 8;
    static final int CHURNED = NODES * 30 / 100;
    static final Duration CHURN_PERIOD = Duration.ofHours(1);
    static final Duration AFTER_CHURN = Duration.ofHours(10);
    static final Duration WINDOW = Duration.ofMinutes(60);

    /** One ten-minute window's figures. */
    record Window(int endMinute, long failedDials, long dialsToNobody, long backoffEntries, long deadInBooks,
                  int liveNodes, int components) {
    }

    @Test
    void networkStaysConnectedAndDialsToTheDeadDecline() {
        Simulation sim = new Simulation(30);
        OutboundTargetWatch watch = new OutboundTargetWatch(sim, TARGET_OUTBOUND);
        PublicNetwork net = new PublicNetwork(sim, GROUPS, BOOT_NODES, b -> b.targetOutbound(TARGET_OUTBOUND));
        net.grow(NODES, Duration.ofMillis(100));
        assertThat(net.runUntil(watch::allReached, Duration.ofMinutes(10))).as("converged before the churn").isTrue();

        SplittableRandom random = new SplittableRandom(30);
        Duration step = CHURN_PERIOD.dividedBy(CHURNED);
        long start = sim.scheduler().millis();
        List<Window> windows = new ArrayList<>();
        long[] last = {failedDials(sim), sim.network().dialsToNobody()};
        long end = start + CHURN_PERIOD.plus(AFTER_CHURN).toMillis();
        int crashed = 0;
        while (sim.scheduler().millis() < end) {
            if (crashed < CHURNED) {
                crash(sim, random);
                crashed++;
                sim.runFor(step.dividedBy(2));
                net.add();
                sim.runFor(step.dividedBy(2));
            } else {
                sim.runFor(step);
            }
            long elapsed = sim.scheduler().millis() - start;
            if (elapsed % WINDOW.toMillis() == 0) {
                long failed = failedDials(sim);
                long nobody = sim.network().dialsToNobody();
                windows.add(new Window((int) (elapsed / 60_000), failed - last[0], nobody - last[1], backoffEntries(sim),
                        deadInBooks(sim), sim.liveNodes().size(), sim.components()));
                last[0] = failed;
                last[1] = nobody;
            }
        }

        System.out.println("minute  failed-dials  dials-to-nobody  backoff-entries  dead-in-books  live  components");
        windows.forEach(w -> System.out.printf("%6d  %12d  %15d  %15d  %13d  %4d  %10d%n", w.endMinute(),
                w.failedDials(), w.dialsToNobody(), w.backoffEntries(), w.deadInBooks(), w.liveNodes(), w.components()));

        assertThat(crashed).isEqualTo(CHURNED);
        assertThat(windows).as("components of the live nodes every hour")
                .allSatisfy(w -> assertThat(w.components()).as("components at minute %d", w.endMinute()).isEqualTo(1));
        List<Window> afterChurn = windows.stream().filter(w -> w.endMinute() > CHURN_PERIOD.toMinutes()).toList();
        Window firstAfter = afterChurn.get(0);
        Window lastAfter = afterChurn.get(afterChurn.size() - 1);
        long peak = afterChurn.stream().mapToLong(Window::failedDials).max().orElseThrow();
        assertThat(firstAfter.failedDials()).as("dials to dead addresses after the churn").isPositive();
        // Nobody new dies after the hour: back-off and forgetting must make the dead ever rarer to dial.
        assertThat(lastAfter.failedDials()).as("failed dials in the hour to minute %d vs the worst hour after the churn",
                lastAfter.endMinute()).isLessThan(peak / 2);
        assertThat(lastAfter.deadInBooks()).as("dead addresses left in the books").isLessThan(firstAfter.deadInBooks() / 2);
    }

    private static void crash(Simulation sim, SplittableRandom random) {
        List<SimNode> candidates = sim.liveNodes().stream().skip(BOOT_NODES).toList();
        sim.crash(candidates.get(random.nextInt(candidates.size())));
    }

    /** Failed dials of every node there ever was (a crashed node's count stays as it was). */
    private static long failedDials(Simulation sim) {
        return sim.nodes().stream().mapToLong(n -> n.node().stats().dialsFailed()).sum();
    }

    /** Entries of the live nodes' address books that name a crashed host. */
    private static long deadInBooks(Simulation sim) {
        Set<String> dead = new HashSet<>();
        sim.nodes().stream().filter(SimNode::isCrashed).forEach(n -> dead.add(n.ip()));
        return sim.liveNodes().stream().flatMap(n -> n.node().addresses().join().stream())
                .filter(e -> dead.contains(e.address().host())).count();
    }

    private static long backoffEntries(Simulation sim) {
        return sim.liveNodes().stream().mapToLong(n -> n.node().stats().discovery().backoffEntries()).sum();
    }
}
