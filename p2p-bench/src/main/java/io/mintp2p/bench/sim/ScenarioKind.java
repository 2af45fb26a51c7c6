package io.mintp2p.bench.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The scenarios {@code p2p-bench sim} runs (SIMULATIONS.md describes each). */
public enum ScenarioKind {
    /** Nodes join one after another until all hold their outbound target; then the graph's shape. */
    CONVERGE,
    /** After convergence, 30 % of the nodes crash and as many join, spread over a virtual day. */
    CHURN,
    /** After convergence, attacker hosts in a few /16s flood chosen victims with their own addresses. */
    ECLIPSE,
    /** After convergence, the live nodes are split in two halves for a virtual hour, then healed. */
    PARTITION;

    /** The lower-case name used on the command line and in row names. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scenario named {@code name} on the command line; {@link IllegalArgumentException} naming the choices otherwise. */
    public static ScenarioKind parse(String name) {
        for (ScenarioKind k : values()) {
            if (k.cliName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown scenario " + name + " (one of "
                + Arrays.stream(values()).map(ScenarioKind::cliName).collect(Collectors.joining("|")) + ")");
    }
}
