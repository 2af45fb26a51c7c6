package io.mintp2p.bench;

import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.bench.raw.RawNoise;
import io.mintp2p.bench.raw.RawTls;
import io.mintp2p.bench.report.Report;
import io.mintp2p.bench.report.Row;
import io.mintp2p.bench.scenario.BroadcastScenario;
import io.mintp2p.bench.scenario.ConnectScenario;
import io.mintp2p.bench.scenario.IdleMemoryScenario;
import io.mintp2p.bench.scenario.RequestRttScenario;
import io.mintp2p.bench.scenario.Rounds;
import io.mintp2p.bench.scenario.RttScenario;
import io.mintp2p.bench.scenario.SimConvergeScenario;
import io.mintp2p.bench.scenario.ThroughputScenario;
import io.mintp2p.bench.sim.SimCommand;
import io.mintp2p.bench.sim.SimOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-system benchmarks of mintp2p through the API a node builder uses ({@code P2pNode} from
 * {@code P2pModule} + a transport module), each against raw Netty doing the same job at its best in
 * the same JVM and run. Usage: {@code java -jar p2p-bench/target/p2p-bench.jar [--quick] [--json FILE]
 * [--markdown FILE] [--only PREFIX,...]}, or {@code ... p2p-bench.jar sim ...} for the simulator's scenarios
 * ({@link SimCommand}). Ratios are oriented so that 1.0 means as good as raw and more is better.
 */
public final class Bench {
    /** Issue #11's targets, as least ratios (e.g. "rtt median <= 1.3x raw" is ratio >= 1/1.3). */
    static final Map<String, Double> TARGETS = targets();

    private Bench() {
    }

    private static Map<String, Double> targets() {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("throughput.tcp.1KiB", 0.5);
        t.put("throughput.tls.1KiB", 0.5);
        t.put("throughput.tcp.64KiB", 0.8);
        t.put("broadcast.tcp.1KiB.16peers", 0.5);
        t.put("rtt.tcp.median", 1 / 1.3);
        t.put("rtt.tcp.inline.median", 1 / 1.3);
        t.put("rtt.request.tcp.inline.median", 1 / 1.3);
        t.put("connect.tcp", 0.5);
        t.put("connect.tls", 1 / 1.3);
        t.put("memory.idle_peer", 1 / 1.5);
        return t;
    }

    @FunctionalInterface
    private interface Scenario {
        List<Row> run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "sim".equals(args[0])) {
            System.exit(SimCommand.main(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        boolean quick = false;
        Path json = null;
        Path markdown = null;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> json = Path.of(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar p2p-bench.jar [--quick] [--json FILE] [--markdown FILE] [--only PREFIX,...]");
                    System.out.println("   or: " + SimOptions.USAGE.substring("usage: ".length()));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        BenchSettings s = quick ? BenchSettings.quickRun() : BenchSettings.fullRun();
        System.out.printf(Locale.ROOT, "mintp2p bench (%s): Java %s, %d CPUs, %s, TLS engine %s, raw Noise AEAD %s%n",
                quick ? "quick" : "full", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                RawNetty.EPOLL ? "epoll" : "NIO", RawTls.preferredProvider(), RawNoise.preferredEngine());
        Rounds.warmUpSeconds = s.warmUpSeconds();
        Rounds.warmUpCapSeconds = s.warmUpCapSeconds();
        Report report = new Report(TARGETS);
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        int r = s.rounds();
        scenarios.put("throughput.tcp.64B", one(() -> new ThroughputScenario("throughput.tcp.64B", "tcp", 64, s.messages64B(), r).run()));
        scenarios.put("throughput.tcp.1KiB", one(() -> new ThroughputScenario("throughput.tcp.1KiB", "tcp", 1024, s.messages1KiB(), r).run()));
        scenarios.put("throughput.tcp.1KiB.send", one(() -> new ThroughputScenario("throughput.tcp.1KiB.send", "tcp", 1024,
                s.messages1KiB(), r, ThroughputScenario.Mode.SEND_FUTURES).run()));
        scenarios.put("throughput.tcp.64KiB", one(() -> new ThroughputScenario("throughput.tcp.64KiB", "tcp", 64 * 1024, s.messages64KiB(), r).run()));
        scenarios.put("throughput.tls.1KiB", one(() -> new ThroughputScenario("throughput.tls.1KiB", "tls", 1024, s.messagesTls(), r).run()));
        scenarios.put("throughput.noise.1KiB", one(() -> new ThroughputScenario("throughput.noise.1KiB", "noise", 1024,
                s.messagesTls(), r).run()));
        scenarios.put("throughput.noise.64KiB", one(() -> new ThroughputScenario("throughput.noise.64KiB", "noise", 64 * 1024,
                s.messages64KiB(), r).run()));
        scenarios.put("broadcast.tcp.1KiB.16peers", one(() -> new BroadcastScenario("broadcast.tcp.1KiB." + s.broadcastPeers() + "peers",
                1024, s.broadcastPeers(), s.broadcastMessages(), r).run()));
        scenarios.put("rtt.tcp", () -> new RttScenario(s.roundTrips(), r).run());
        scenarios.put("rtt.request.tcp", () -> new RequestRttScenario(s.roundTrips(), r).run());
        scenarios.put("connect.tcp", one(() -> new ConnectScenario("tcp", s.connects(), r, s.connectWarmUpSeconds()).run()));
        scenarios.put("connect.tls", one(() -> new ConnectScenario("tls", s.connects(), r, s.connectWarmUpSeconds()).run()));
        scenarios.put("connect.noise", one(() -> new ConnectScenario("noise", s.connects(), r, s.connectWarmUpSeconds()).run()));
        scenarios.put("memory.idle_peer", () -> new IdleMemoryScenario(s.idlePeers()).run());
        for (int n : s.simSizes()) {
            for (int inbound : List.of(SimConvergeScenario.SCARCE_INBOUND, SimConvergeScenario.defaultMaxInbound())) {
                scenarios.put(SimConvergeScenario.name(n, inbound), () -> new SimConvergeScenario(n, inbound, s.simWallCap()).run());
            }
        }
        boolean failed = false;
        for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
            if (!only.isEmpty() && only.stream().noneMatch(e.getKey()::startsWith)) {
                continue;
            }
            long start = System.nanoTime();
            System.out.printf("%s ...%n", e.getKey());
            try {
                for (Row row : e.getValue().run()) {
                    report.add(row);
                    System.out.printf(Locale.ROOT, "  %-52s %12.1f %-12s raw %12s  ratio %s%n", row.name(), row.value(), row.unit(),
                            row.baseline().isPresent() ? String.format(Locale.ROOT, "%.1f", row.baseline().getAsDouble()) : "-",
                            row.ratio().isPresent() ? String.format(Locale.ROOT, "%.3f", row.ratio().getAsDouble()) : "-");
                }
            } catch (Exception | AssertionError ex) {
                failed = true;
                System.out.printf("  FAILED: %s%n", ex);
                ex.printStackTrace(System.out);
            }
            System.out.printf(Locale.ROOT, "  (%.1f s)%n", (System.nanoTime() - start) / 1e9);
        }
        System.out.println();
        report.printTable(System.out);
        if (json != null) {
            report.writeJson(json);
            System.out.println("JSON written to " + json);
        }
        if (markdown != null) {
            java.nio.file.Files.writeString(markdown, report.toMarkdown());
            System.out.println("Markdown table written to " + markdown);
        }
        System.exit(failed ? 1 : 0);
    }

    @FunctionalInterface
    private interface OneRow {
        Row run() throws Exception;
    }

    private static Scenario one(OneRow s) {
        return () -> List.of(s.run());
    }
}
