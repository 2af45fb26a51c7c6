package io.mintp2p.core.peers;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Message;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Node-wide connection policy, sans-I/O: it keeps outbound connections at the target, refuses
 * inbound over the maximum, runs discovery (address exchange, the address book), back-off, bans
 * and misbehaviour scores. Every method must be called on the node's serial scheduler; it acts
 * only through {@link PeerManagerActions} and its own timers on that scheduler.
 */
public interface PeerManager {

    /** Starts the maintenance timer and the state writer, dials anchors or boot nodes and reserved peers. */
    void start();

    /**
     * The node's listeners are bound; these (real ports) are what it may announce to peers. A
     * wildcard host (0.0.0.0, ::) means "the address the peer sees us at" (a Hello's receiverAddress).
     */
    void onListening(List<TransportAddress> boundAddresses);

    /**
     * Cancels timers and saves the state a last time (atomically, on the state writer's thread).
     *
     * @return completes once that state is written and the writer's thread has ended; the node
     *         thread does not wait for it
     */
    CompletableFuture<Void> stop();

    /** Whether connections from this address are refused at accept. Thread-safe (transports ask it). */
    boolean isBanned(InetAddress address);

    /**
     * Whether this IP address is discouraged (misbehaved lately, in the {@code IP} mode of
     * {@code discourageBy}; identity and endpoint keys are checked at the handshake). Thread-safe.
     */
    boolean isDiscouraged(InetAddress address);

    /** A dial failed (no answer, timeout, handshake failure or refusal before acceptance). */
    void onOutboundFailed(TransportAddress address, DialPurpose purpose, CloseReason reason);

    /** Decides what to do with a freshly handshaken connection. */
    Verdict onHandshakeCompleted(HandshakeResult result);

    /** A peer that was accepted (or served) is gone. */
    void onPeerDisconnected(PeerId peer, CloseReason reason);

    /** A ping round trip of an accepted peer (eviction protects the fastest). */
    void onPingRoundTrip(PeerId peer, Duration rtt);

    /** An accepted peer delivered an application message (eviction protects recently useful peers). */
    void onUsefulMessage(PeerId peer);

    /** Address-exchange control messages from a handshaken peer: AddrListRequest/Response, AnnounceAddrRequest. */
    void onMessage(PeerId peer, Message message);

    /**
     * The peer (or, before acceptance, the connection from {@code remote}) misbehaved by {@code score};
     * at the threshold its discouragement key ({@code P2pConfig.discourageBy}: its identity, its
     * endpoint or its IP) is discouraged and the connected peers that key covers are disconnected.
     *
     * @param identity the key the connection proved, if its transport authenticates
     */
    void onMisbehaviour(Optional<PeerId> peer, TransportAddress remote, Optional<PeerIdentity> identity, int score,
                        CloseReason reason);

    /** Operator-requested dial: made even to a discouraged address or identity (the operator's choice). */
    void connectManually(TransportAddress address);

    /**
     * Bans the address (its IPv6 /64) and disconnects its peers at once.
     *
     * @return completes once the ban is on disk (at once without a data dir), fails if it could not be written
     */
    CompletableFuture<Void> ban(InetAddress address, Duration duration, String reason);

    /** Lifts a ban; the returned future completes once that is on disk (as for {@link #ban}). */
    CompletableFuture<Void> unban(InetAddress address);

    List<BanEntry> bans();

    /**
     * Lifts the identity pinned at first use for the address (its key changed on purpose).
     *
     * @return true once that is on disk, false at once if there was no pin; fails if it could not be written
     */
    CompletableFuture<Boolean> unpin(TransportAddress address);

    /** Identities pinned at first use, per address. */
    List<IdentityPin> pins();

    List<AddressBookEntry> addresses();

    /** The latest counters; thread-safe (a snapshot refreshed by the manager's own timer). */
    PeerManagerStats stats();
}
