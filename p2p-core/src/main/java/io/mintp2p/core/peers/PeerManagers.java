package io.mintp2p.core.peers;

import io.mintp2p.core.node.P2pConfig;
import io.mintp2p.core.time.Scheduler;
import java.util.random.RandomGenerator;

/** Creates the default peer manager. */
public final class PeerManagers {
    private PeerManagers() {
    }

    /**
     * @param scheme the transport scheme learned addresses are dialled with ("tcp", "tls", "mem")
     */
    public static PeerManager create(P2pConfig config, String scheme, Scheduler scheduler, RandomGenerator random,
                                     PeerManagerActions actions) {
        return new DefaultPeerManager(config, scheme, scheduler, random, actions);
    }
}
