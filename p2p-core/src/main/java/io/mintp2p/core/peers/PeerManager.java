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
     *
     * @param boundAddresses the listeners' addresses
     */
    void onListening(List<TransportAddress> boundAddresses);

    /**
     * Cancels timers and saves the state a last time (atomically, on the state writer's thread).
     *
     * @return completes once that state is written and the writer's thread has ended; the node
     *         thread does not wait for it
     */
    CompletableFuture<Void> stop();

    /**
     * Whether connections from this address are refused at accept. Thread-safe (transports ask it).
     *
     * @param address the remote's IP
     * @return true while a ban covers it
     */
    boolean isBanned(InetAddress address);

    /**
     * Whether this IP address is discouraged (misbehaved lately, in the {@code IP} mode of
     * {@code discourageBy}; identity and endpoint keys are checked at the handshake). Thread-safe.
     *
     * @param address the remote's IP
     * @return true while discouraged
     */
    boolean isDiscouraged(InetAddress address);

    /**
     * A dial failed (no answer, timeout, handshake failure or refusal before acceptance).
     *
     * @param address the address dialled
     * @param purpose why it was dialled
     * @param reason  why it failed
     */
    void onOutboundFailed(TransportAddress address, DialPurpose purpose, CloseReason reason);

    /**
     * Decides what to do with a freshly handshaken connection.
     *
     * @param result the peer's handshake
     * @return accept, reject, or serve addresses then disconnect
     */
    Verdict onHandshakeCompleted(HandshakeResult result);

    /**
     * A peer that was accepted (or served) is gone.
     *
     * @param peer   the peer
     * @param reason why it went
     */
    void onPeerDisconnected(PeerId peer, CloseReason reason);

    /**
     * A ping round trip of an accepted peer (eviction protects the fastest).
     *
     * @param peer the peer
     * @param rtt  the round trip
     */
    void onPingRoundTrip(PeerId peer, Duration rtt);

    /**
     * An accepted peer delivered an application message (eviction protects recently useful peers).
     *
     * @param peer the peer
     */
    void onUsefulMessage(PeerId peer);

    /**
     * Address-exchange control messages from a handshaken peer: AddrListRequest/Response, AnnounceAddrRequest.
     *
     * @param peer    the peer
     * @param message the message
     */
    void onMessage(PeerId peer, Message message);

    /**
     * The peer (or, before acceptance, the connection from {@code remote}) misbehaved by {@code score};
     * at the threshold its discouragement key ({@code P2pConfig.discourageBy}: its identity, its
     * endpoint or its IP) is discouraged and the connected peers that key covers are disconnected.
     *
     * @param identity the key the connection proved, if its transport authenticates
     * @param peer   the peer, or empty before acceptance
     * @param remote the connection's remote address
     * @param score  what to add
     * @param reason what it did
     */
    void onMisbehaviour(Optional<PeerId> peer, TransportAddress remote, Optional<PeerIdentity> identity, int score,
                        CloseReason reason);

    /**
     * Operator-requested dial: made even to a discouraged address or identity (the operator's choice).
     *
     * @param address the address to dial
     */
    void connectManually(TransportAddress address);

    /**
     * Bans the address (its IPv6 /64) and disconnects its peers at once.
     *
     * @return completes once the ban is on disk (at once without a data dir), fails if it could not be written
     * @param address  the IP
     * @param duration how long
     * @param reason   for the ban list
     */
    CompletableFuture<Void> ban(InetAddress address, Duration duration, String reason);

    /**
     * Lifts a ban; the returned future completes once that is on disk (as for {@link #ban}).
     *
     * @param address the banned IP
     * @return completes once durable
     */
    CompletableFuture<Void> unban(InetAddress address);

    /**
     * The bans in force.
     *
     * @return a snapshot
     */
    List<BanEntry> bans();

    /**
     * Lifts the identity pinned at first use for the address (its key changed on purpose).
     *
     * @return true once that is on disk, false at once if there was no pin; fails if it could not be written
     * @param address the pinned address
     */
    CompletableFuture<Boolean> unpin(TransportAddress address);

    /**
     * Identities pinned at first use, per address.
     *
     * @return a snapshot
     */
    List<IdentityPin> pins();

    /**
     * What the address book holds, for diagnostics.
     *
     * @return a snapshot
     */
    List<AddressBookEntry> addresses();

    /**
     * The latest counters; thread-safe (a snapshot refreshed by the manager's own timer).
     *
     * @return the counters
     */
    PeerManagerStats stats();
}
