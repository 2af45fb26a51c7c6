package io.mintp2p.bench.sim;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.inmemory.sim.OutboundTargetWatch;
import io.mintp2p.inmemory.sim.PeerGraph;
import io.mintp2p.inmemory.sim.PublicNetwork;
import io.mintp2p.inmemory.sim.SimNode;
import io.mintp2p.inmemory.sim.Simulation;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * One run of the model the command sets up: a {@link Simulation} with the trace's digest only, honest
 * nodes on public addresses ({@link PublicNetwork}) with the library's default config (or the cut the
 * options name), and the bookkeeping every scenario shares: virtual time advanced in steps of at most a
 * virtual second, a {@link Sample} every sample period, a progress line, the peak of the used heap.
 *
 * <p>Not thread-safe: one thread creates the run and drives it; the nodes run on that thread inside
 * {@link #advance}, which blocks it for the wall time the simulated work takes.
 */
final class SimRun {
    /** Nodes join this far apart in virtual time (the model). */
    /** Gives up waiting for every node to reach its target after this much virtual time past the last join. */
    static final Duration CONVERGE_CAP = Duration.ofHours(1);
    /** Converged: every node has held its target, and this share of them hold it now. */
    static final double CONVERGED_SHARE = 0.999;
    /** The cut model's address-book tables (16 new, 8 tried buckets: 1 536 entries at most). */
    static final int SMALL_NEW_BUCKETS = 16;
    static final int SMALL_TRIED_BUCKETS = 8;
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
    private static final Duration STEP = Duration.ofSeconds(1);

    private final SimOptions options;
    private final Simulation sim;
    private final PublicNetwork net;
    private final OutboundTargetWatch watch;
    private final long startNanos = System.nanoTime();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ProgressLine progress;
    private final List<Sample> series = new ArrayList<>();
    private final Map<String, Double> summary = new LinkedHashMap<>();
    private long samplePeriodMillis = Duration.ofSeconds(1).toMillis();
    private long nextSampleAt;
    private long lastSampleAt = -1;
    private long lastDeadDials;
    private long lastFailedDials;
    private long peakHeap;
    /** Wall time spent in {@link #sample()} and in setting up joining nodes: the harness, not the network's work. */
    private long samplingNanos;
    private long setupNanos;
    private final SimulationCost cost = new SimulationCost();
    private DoubleSupplier bookLiveShare = () -> Double.NaN;
    private DoubleSupplier victimAttackerOutbound = () -> Double.NaN;
    private DoubleSupplier victimAttackerBook = () -> Double.NaN;

    SimRun(SimOptions options, PrintStream progressOut) {
        this.options = options;
        this.sim = new Simulation(options.seed()).keepDigestOnly();
        this.watch = new OutboundTargetWatch(sim, P2pConfig.builder().build().targetOutbound());
        this.net = new PublicNetwork(sim, options.groups(), options.bootNodes(), b -> options.smallBooks()
                ? b.addressBookBuckets(SMALL_NEW_BUCKETS, SMALL_TRIED_BUCKETS) : b);
        this.progress = new ProgressLine(progressOut, PROGRESS_EVERY_NANOS, startNanos);
    }

    SimOptions options() {
        return options;
    }

    Simulation sim() {
        return sim;
    }

    PublicNetwork net() {
        return net;
    }

    OutboundTargetWatch watch() {
        return watch;
    }

    /** From now on a sample every {@code period} of virtual time, the next one a period after the last (the first at once). */
    void samplePeriod(Duration period) {
        samplePeriodMillis = period.toMillis();
        nextSampleAt = lastSampleAt < 0 ? sim.scheduler().millis() : lastSampleAt + samplePeriodMillis;
    }

    /** What the samples report as the share of book entries naming a live node (NaN by default). */
    void measureBookLiveShare(DoubleSupplier share) {
        bookLiveShare = share;
    }

    /** What the samples report as the attackers' shares of the victims' outbound peers and books. */
    void measureVictims(DoubleSupplier outboundShare, DoubleSupplier bookShare) {
        victimAttackerOutbound = outboundShare;
        victimAttackerBook = bookShare;
    }

    /** Runs {@code d} of virtual time, in steps of at most a virtual second, sampling and reporting as it goes. */
    void advance(Duration d) {
        long end = sim.scheduler().millis() + d.toMillis();
        while (sim.scheduler().millis() < end) {
            long step = Math.min(STEP.toMillis(), Math.min(end, nextSampleAt) - sim.scheduler().millis());
            cost.runFor(sim, Duration.ofMillis(Math.max(1, step)));
            tick();
        }
    }

    private void tick() {
        long heap = memory.getHeapMemoryUsage().getUsed();
        peakHeap = Math.max(peakHeap, heap);
        if (sim.scheduler().millis() >= nextSampleAt) {
            sample();
        }
        long nowNanos = System.nanoTime();
        if (progress.due(nowNanos)) {
            progress.print(nowNanos, sim.scheduler().millis() / 1e3, sim.scheduler().executedTasks(),
                    watch.atTarget(), sim.liveNodeCount(), heap / MIB, wallSeconds());
        }
    }

    private static final double MIB = 1024.0 * 1024.0;
    /** Samples in an idle window: enough for its line on a chart, few enough not to be its main cost. */
    static final int IDLE_SAMPLES = 10;

    /** Takes a sample now (also outside the period, e.g. at a phase's end); the last one again if taken at this instant. */
    Sample sample() {
        long now = sim.scheduler().millis();
        if (now == lastSampleAt) {
            return lastSample();
        }
        long began = System.nanoTime();
        PeerGraph graph = PeerGraph.of(sim);
        int[] components = graph.componentSizes();
        long dead = sim.network().dialsToNobody();
        long failed = failedDials();
        Sample s = new Sample(now / 1e3, lastSampleAt < 0 ? 0 : (now - lastSampleAt) / 1e3, wallSeconds(),
                graph.size(), watch.atTarget(), components.length,
                components.length == 0 ? 0 : components[0] / (double) graph.size(),
                dead - lastDeadDials, failed - lastFailedDials, bookLiveShare.getAsDouble(),
                victimAttackerOutbound.getAsDouble(), victimAttackerBook.getAsDouble(),
                memory.getHeapMemoryUsage().getUsed() / MIB);
        series.add(s);
        lastSampleAt = now;
        lastDeadDials = dead;
        lastFailedDials = failed;
        nextSampleAt = now + samplePeriodMillis;
        samplingNanos += System.nanoTime() - began;
        return s;
    }

    /** The latest sample; {@link IllegalStateException} before the first. */
    Sample lastSample() {
        if (series.isEmpty()) {
            throw new IllegalStateException("no sample yet");
        }
        return series.get(series.size() - 1);
    }

    /** How many samples were taken so far. */
    int seriesSize() {
        return series.size();
    }

    /** The samples from index {@code first} on. */
    List<Sample> seriesSince(int first) {
        return List.copyOf(series.subList(first, series.size()));
    }

    /** Failed dials of every node there ever was (a crashed node's count stays as it was). */
    private long failedDials() {
        long sum = 0;
        for (SimNode n : sim.nodes()) {
            sum += n.node().stats().dialsFailed();
        }
        return sum;
    }

    /**
     * Adds {@code count} honest nodes {@link SimOptions#joinGap()} apart, then runs until every live node has
     * held its outbound target and {@link #CONVERGED_SHARE} of them hold it now (checked every virtual
     * second), or {@link #CONVERGE_CAP}. Not "every node at once": in a large settled network a few
     * nodes are always refilling a slot (evicted by a full peer to admit another, a rotation), so at
     * 100 000 nodes that instant comes late and by chance. Records {@code time_to_target_virtual_s},
     * {@code time_to_target_wall_s} (NaN if the cap came first), {@code at_target_share_then} and
     * {@code converged} (1 or 0).
     */
    boolean growAndConverge(int count) {
        SimulationCost.Mark start = cost.mark();
        long eventsAtStart = sim.scheduler().executedTasks();
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            net.add();
            setupNanos += System.nanoTime() - began;
            advance(options.joinGap());
        }
        long deadline = sim.scheduler().millis() + CONVERGE_CAP.toMillis();
        while (!converged() && sim.scheduler().millis() < deadline) {
            advance(STEP);
        }
        boolean reached = converged();
        summary.put("converged", reached ? 1.0 : 0.0);
        summary.put("at_target_share_then", atTargetShare());
        putPerNode("to_target", start, eventsAtStart, count);
        summary.put("time_to_target_virtual_s", reached ? sim.scheduler().millis() / 1e3 : Double.NaN);
        summary.put("time_to_target_wall_s", reached ? wallSeconds() : Double.NaN);
        summary.put("sampling_wall_s_to_target", samplingNanos / 1e9);
        summary.put("node_setup_wall_s_to_target", setupNanos / 1e9);
        sample();
        return reached;
    }

    private boolean converged() {
        int live = sim.liveNodeCount();
        return watch.reachedOnce() == live && watch.atTarget() >= CONVERGED_SHARE * live;
    }

    /**
     * The cost of a settled network: runs {@code window} of virtual time with nobody joining or
     * leaving and records, per live node and virtual second, the scheduler's tasks, the simulation's
     * CPU microseconds ({@link SimulationCost}: the harness's samples left out, and only
     * {@link #IDLE_SAMPLES} of them taken), and from that the CPU hours a virtual day of this network
     * would take on one core ({@code idle_day_cpu_h_estimate}: an extrapolation, not a run).
     */
    void measureIdle(Duration window) {
        int live = sim.liveNodeCount();
        SimulationCost.Mark start = cost.mark();
        long eventsAtStart = sim.scheduler().executedTasks();
        long periodBefore = samplePeriodMillis;
        samplePeriod(window.dividedBy(IDLE_SAMPLES));
        advance(window);
        samplePeriod(Duration.ofMillis(periodBefore));
        double nodeSeconds = live * (double) window.toSeconds();
        double cpuMicrosPerNodeSecond = cost.cpuNanosSince(start) / 1e3 / nodeSeconds;
        summary.put("idle_window_virtual_s", (double) window.toSeconds());
        summary.put("idle_tasks_per_node_virtual_s", (sim.scheduler().executedTasks() - eventsAtStart) / nodeSeconds);
        summary.put("idle_cpu_us_per_node_virtual_s", cpuMicrosPerNodeSecond);
        summary.put("idle_day_cpu_h_estimate", cpuMicrosPerNodeSecond * live * Duration.ofDays(1).toSeconds() / 1e6 / 3600);
    }

    /** Tasks, CPU milliseconds and KiB allocated per node of {@code nodes}, as {@code <figure>_per_node_<phase>}. */
    private void putPerNode(String phase, SimulationCost.Mark start, long eventsAtStart, int nodes) {
        double n = Math.max(1, nodes);
        summary.put("events_per_node_" + phase, (sim.scheduler().executedTasks() - eventsAtStart) / n);
        summary.put("cpu_ms_per_node_" + phase, cost.cpuNanosSince(start) / 1e6 / n);
        summary.put("alloc_kib_per_node_" + phase, cost.allocatedBytesSince(start) / 1024.0 / n);
    }

    /** Puts a summary figure (in the order put; a second put of a key replaces its value). */
    void figure(String key, double value) {
        summary.put(key, value);
    }

    double wallSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The share of live nodes at their target now. */
    double atTargetShare() {
        int live = sim.liveNodeCount();
        return live == 0 ? 0 : watch.atTarget() / (double) live;
    }

    /** The run's result: the scenario's figures, then wall time, peak heap and events; and the final graph's degrees. */
    RunResult finish() {
        PeerGraph graph = PeerGraph.of(sim);
        summary.put("final_live", (double) graph.size());
        summary.put("final_at_target_share", atTargetShare());
        summary.put("final_components", (double) graph.components());
        summary.put("wall_s", wallSeconds());
        summary.put("peak_heap_mib", peakHeap / MIB);
        summary.put("events", (double) sim.scheduler().executedTasks());
        summary.put("virtual_s", sim.scheduler().millis() / 1e3);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("scenario", options.scenario().cliName());
        parameters.put("nodes", options.nodes());
        parameters.put("seed", options.seed());
        parameters.put("boot_nodes", options.bootNodes());
        parameters.put("groups", options.groups());
        parameters.put("small_books", options.smallBooks());
        P2pConfig defaults = P2pConfig.builder().build();
        parameters.put("target_outbound", defaults.targetOutbound());
        parameters.put("block_relay_outbound", defaults.blockRelayOutbound());
        parameters.put("max_inbound", defaults.maxInbound());
        parameters.put("book_new_buckets", options.smallBooks() ? SMALL_NEW_BUCKETS : defaults.addressBookNewBuckets());
        parameters.put("book_tried_buckets", options.smallBooks() ? SMALL_TRIED_BUCKETS : defaults.addressBookTriedBuckets());
        parameters.put("join_gap_ms", options.joinGap().toMillis());
        parameters.put("trace_digest", sim.traceDigest());
        return new RunResult(options.rowName(), parameters, summary, graph.degreeHistogram(), series);
    }
}
