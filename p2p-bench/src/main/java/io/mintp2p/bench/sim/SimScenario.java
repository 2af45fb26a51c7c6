package io.mintp2p.bench.sim;

/**
 * One scenario of {@code p2p-bench sim}: drives a {@link SimRun} and puts its own summary figures.
 * Runs on the calling thread and blocks it for the whole simulated run.
 */
interface SimScenario {
    void run(SimRun run);

    /** The scenario of that kind. */
    static SimScenario of(ScenarioKind kind) {
        return switch (kind) {
            case CONVERGE -> new ConvergeScenario();
            case CHURN -> new ChurnScenario();
            case ECLIPSE -> new EclipseScenario();
            case PARTITION -> new PartitionScenario();
        };
    }
}
