package io.mintp2p.inmemory.sim;

import java.util.HashSet;
import java.util.Set;

/**
 * Which live nodes have their outbound target right now, kept up to date from peer events (a node's
 * outbound count only changes with one of its events), so asking costs a pass over the live nodes
 * instead of a snapshot of every node's peers.
 */
final class OutboundTargetWatch {
    private final Simulation sim;
    private final int target;
    private final Set<SimNode> atTarget = new HashSet<>();

    OutboundTargetWatch(Simulation sim, int target) {
        this.sim = sim;
        this.target = target;
        sim.onEveryEvent(n -> {
            if (n.outboundCount() >= target) {
                atTarget.add(n);
            } else {
                atTarget.remove(n);
            }
        });
    }

    /** Live nodes short of the target. */
    long below() {
        return sim.liveNodes().stream().filter(n -> !atTarget.contains(n) || n.isCrashed()).count();
    }

    boolean allReached() {
        return below() == 0;
    }

    int target() {
        return target;
    }
}
