package io.mintp2p.bench.sim;

/**
 * One point of a run's time series. Counts of dials are for the interval since the previous sample
 * ({@code intervalSeconds} of virtual time). A figure a scenario does not measure is {@link Double#NaN}
 * (an empty CSV cell, {@code null} in JSON).
 *
 * @param virtualSeconds          virtual time of the sample
 * @param intervalSeconds         virtual seconds since the previous sample (0 for the first)
 * @param wallSeconds             wall seconds since the run started
 * @param live                    live (not crashed) nodes
 * @param atTarget                live nodes holding their full-relay outbound target
 * @param components              connected components of the live nodes' connection graph
 * @param largestShare            share of the live nodes in the largest component
 * @param deadDials               dials in the interval to an address where nothing listens
 * @param failedDials             dials in the interval that failed, for any reason (every node's count)
 * @param bookLiveShare           share of the sampled live nodes' book entries that name a live node
 * @param victimAttackerOutbound  share of the victims' outbound peers that are attackers
 * @param victimAttackerBook      share of the victims' book entries in the attackers' /16s
 * @param heapMiB                 used heap at the sample, MiB
 */
public record Sample(double virtualSeconds, double intervalSeconds, double wallSeconds, int live, long atTarget,
                     int components, double largestShare, long deadDials, long failedDials, double bookLiveShare,
                     double victimAttackerOutbound, double victimAttackerBook, double heapMiB) {
    /** The CSV header, in the order of {@link #csvCells()}. */
    public static final String CSV_HEADER = "virtual_s,interval_s,wall_s,live,nodes_at_target,components,largest_share,"
            + "dead_dials,failed_dials,book_live_share,victim_attacker_outbound_share,victim_attacker_book_share,heap_mib";

    /** The sample's values, keyed and ordered as {@link #CSV_HEADER}. */
    public Object[] csvCells() {
        return new Object[] {virtualSeconds, intervalSeconds, wallSeconds, live, atTarget, components, largestShare,
                deadDials, failedDials, bookLiveShare, victimAttackerOutbound, victimAttackerBook, heapMiB};
    }
}
