package io.mintp2p.core.peers.manager;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.PeerManagerActions;
import io.mintp2p.core.peers.discovery.DnsSeeds;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.time.Scheduler;
import java.util.random.RandomGenerator;

/** Creates the default peer manager. */
public final class PeerManagers {
    private PeerManagers() {
    }

    /**
     * A peer manager keeping its state in the config's data dir (nothing kept without one). Reads
     * that state now, on the calling thread (blocking); writes it later on a thread of its own.
     *
     * @param scheme the transport scheme learned addresses are dialled with ("tcp", "tls", "mem")
     */
    public static PeerManager create(P2pConfig config, String scheme, Scheduler scheduler, RandomGenerator random,
                                     PeerManagerActions actions) {
        StateStorage storage = config.dataDir().map(StateStorage::textFiles).orElse(StateStorage.NONE);
        return new DefaultPeerManager(config, scheme, scheduler, random, actions, storage, DnsSeeds.Resolver.SYSTEM, null);
    }
}
