package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerId;
import java.util.List;
import java.util.Optional;

/** The peers of one attached protocol and their per-peer state. Reads from any thread; nothing blocks. */
public interface ProtocolPeers<S> {
    /**
     * The state {@link ProtocolHooks#onConnected} returned for {@code peer}: empty before that hook
     * ran, after {@link ProtocolHooks#onDisconnected} ran, if it returned null or threw, or if the peer
     * does not offer the protocol.
     *
     * @param peer the peer
     * @return its state, or empty
     */
    Optional<S> state(PeerId peer);

    /**
     * Snapshots of the accepted peers that offer the protocol now.
     *
     * @return one snapshot per such peer
     */
    List<PeerSnapshot> peers();
}
