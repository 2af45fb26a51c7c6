package io.mintp2p.inmemory.sim;

import io.mintp2p.core.node.P2pNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Which live nodes have their outbound target right now, kept up to date from peer events (a node's
 * outbound count only changes with one of its events), so asking costs a pass over the live nodes
 * instead of a snapshot of every node's peers.
 */
final class OutboundTargetWatch {
    private final Simulation sim;
    /** The process that was at the target: a restarted node is a new process and starts from zero. */
    private final Map<SimNode, P2pNode> atTarget = new HashMap<>();

    OutboundTargetWatch(Simulation sim, int target) {
        this.sim = sim;
        sim.onEveryEvent(n -> {
            if (n.outboundCount() >= target) {
                atTarget.put(n, n.node());
            } else {
                atTarget.remove(n);
            }
        });
    }

    /** Live nodes short of the target. */
    long below() {
        return sim.liveNodes().stream().filter(n -> atTarget.get(n) != n.node()).count();
    }

    boolean allReached() {
        return below() == 0;
    }
}
