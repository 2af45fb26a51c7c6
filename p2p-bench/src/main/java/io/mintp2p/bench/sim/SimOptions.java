package io.mintp2p.bench.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The command line of {@code p2p-bench sim}: {@code --nodes N --scenario converge|churn|eclipse|partition
 * --seed S [--boot B] [--groups G] [--join-gap-ms MS] [--json FILE] [--csv FILE] [--plots DIR] [--small-books]}.
 *
 * @param nodes      nodes in the network (for eclipse: honest nodes and attacker hosts together)
 * @param scenario   what to run
 * @param seed       the simulation's seed: the same seed gives the same run
 * @param bootNodes  how many of the first nodes every node has as boot nodes
 * @param groups     how many /16s the honest nodes are dealt over (at least 250 unless set lower)
 * @param smallBooks the cut model: address books of 16 new and 8 tried buckets instead of the defaults
 * @param joinGap    virtual time between two joins (20 ms unless set: a faster join is a cut of the model)
 * @param json       where to write the run as JSON, if anywhere
 * @param csv        where to write the time series as CSV, if anywhere
 * @param plots      the directory for the PNG plots, if any
 */
public record SimOptions(int nodes, ScenarioKind scenario, long seed, int bootNodes, int groups, boolean smallBooks,
                         Duration joinGap, Optional<Path> json, Optional<Path> csv, Optional<Path> plots) {
    /** Boot nodes unless {@code --boot} says otherwise. */
    public static final int DEFAULT_BOOT_NODES = 10;
    /** The fewest /16s the honest nodes are spread over by default (the "over 250 /16s"). */
    public static final int DEFAULT_GROUPS = 250;
    /** Virtual time between two joins unless {@code --join-gap-ms} says otherwise (the defaults model). */
    public static final Duration DEFAULT_JOIN_GAP = Duration.ofMillis(20);
    /** The usage line printed by {@code --help} and after a bad argument. */
    public static final String USAGE = "usage: java -jar p2p-bench.jar sim --nodes N --scenario converge|churn|eclipse|partition"
            + " --seed S [--boot B] [--groups G] [--join-gap-ms MS] [--json FILE] [--csv FILE] [--plots DIR] [--small-books]";

    public SimOptions {
        if (nodes < 2) {
            throw new IllegalArgumentException("--nodes must be at least 2, was " + nodes);
        }
        if (bootNodes < 1 || bootNodes > nodes) {
            throw new IllegalArgumentException("--boot must be 1.." + nodes + ", was " + bootNodes);
        }
        if (groups < 1) {
            throw new IllegalArgumentException("--groups must be positive, was " + groups);
        }
        if (joinGap.isNegative() || joinGap.isZero()) {
            throw new IllegalArgumentException("--join-gap-ms must be positive, was " + joinGap.toMillis());
        }
    }

    /**
     * Parses the arguments after {@code sim}; {@link IllegalArgumentException} for an unknown or
     * incomplete one. {@code --nodes}, {@code --scenario} and {@code --seed} are required. Any thread.
     */
    public static SimOptions parse(String... args) {
        Integer nodes = null;
        ScenarioKind scenario = null;
        Long seed = null;
        int boot = DEFAULT_BOOT_NODES;
        Integer groups = null;
        boolean smallBooks = false;
        Duration joinGap = DEFAULT_JOIN_GAP;
        Path json = null;
        Path csv = null;
        Path plots = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--nodes" -> nodes = Integer.parseInt(value(args, ++i, a));
                case "--scenario" -> scenario = ScenarioKind.parse(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--boot" -> boot = Integer.parseInt(value(args, ++i, a));
                case "--groups" -> groups = Integer.parseInt(value(args, ++i, a));
                case "--json" -> json = Path.of(value(args, ++i, a));
                case "--csv" -> csv = Path.of(value(args, ++i, a));
                case "--plots" -> plots = Path.of(value(args, ++i, a));
                case "--small-books" -> smallBooks = true;
                case "--join-gap-ms" -> joinGap = Duration.ofMillis(Long.parseLong(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (nodes == null || scenario == null || seed == null) {
            throw new IllegalArgumentException("--nodes, --scenario and --seed are required");
        }
        return new SimOptions(nodes, scenario, seed, boot, groups != null ? groups : DEFAULT_GROUPS, smallBooks,
                joinGap,                Optional.ofNullable(json), Optional.ofNullable(csv), Optional.ofNullable(plots));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /**
     * The run's row name, {@code sim.SCENARIO.N}, with every cut of the model in it (".small-books",
     * ".join-gap-2ms"), so a figure from a cheaper model never passes for the defaults' figure.
     *
     * @return the row name
     */
    public String rowName() {
        return "sim." + scenario.cliName() + "." + nodes + (smallBooks ? ".small-books" : "")
                + (joinGap.equals(DEFAULT_JOIN_GAP) ? "" : ".join-gap-" + joinGap.toMillis() + "ms");
    }
}
