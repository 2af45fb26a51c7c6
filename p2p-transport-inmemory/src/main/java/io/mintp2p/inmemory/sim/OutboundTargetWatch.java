package io.mintp2p.inmemory.sim;

import io.mintp2p.core.node.P2pNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Which live nodes hold their full-relay outbound target right now ({@link SimNode#fullRelayOutboundCount()},
 * what {@code targetOutbound} counts), kept up to date from peer events (that count only changes with
 * one of the node's events), so asking costs a pass over the live nodes instead of a snapshot of
 * every node's peers.
 *
 * <p>Register it before the nodes it watches are added. Not thread-safe: the listener runs on the
 * simulation's thread, and the queries belong on the thread that drives it (between
 * {@link Simulation#runFor} calls); none blocks.
 */
public final class OutboundTargetWatch {
    private final Simulation sim;
    /** The process that was at the target: a restarted node is a new process and starts from zero. */
    private final Map<SimNode, P2pNode> atTarget = new HashMap<>();
    /** The process that has held the target at some time (a restarted node starts again from zero). */
    private final Map<SimNode, P2pNode> reachedOnce = new HashMap<>();

    /**
     * Starts following every node's events in {@code sim}.
     *
     * @param sim    the simulation whose nodes are watched
     * @param target how many full-relay outbound peers a node must hold to count as at the target
     */
    public OutboundTargetWatch(Simulation sim, int target) {
        this.sim = sim;
        sim.onEveryEvent(n -> {
            if (n.fullRelayOutboundCount() >= target) {
                atTarget.put(n, n.node());
                reachedOnce.put(n, n.node());
            } else {
                atTarget.remove(n);
            }
        });
    }

    /**
     * Live nodes at the target now (a restarted node counts only once its new process gets there).
     *
     * @return the count
     */
    public long atTarget() {
        return countCurrent(atTarget);
    }

    private static long countCurrent(Map<SimNode, P2pNode> processes) {
        long count = 0;
        for (Map.Entry<SimNode, P2pNode> e : processes.entrySet()) {
            if (!e.getKey().isCrashed() && e.getValue() == e.getKey().node()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Live nodes whose current process has held the target at some time, whether or not it holds it
     * now: in a large settled network a few nodes are always refilling a slot (a peer that evicted
     * them to admit another, a rotation), so "every node at once" comes late and by chance.
     *
     * @return the count
     */
    public long reachedOnce() {
        return countCurrent(reachedOnce);
    }

    /**
     * Live nodes short of the target.
     *
     * @return the count
     */
    public long below() {
        return sim.liveNodeCount() - atTarget();
    }

    /**
     * Whether every live node is at the target.
     *
     * @return true when none is short of it (also with no live node)
     */
    public boolean allReached() {
        return below() == 0;
    }
}
