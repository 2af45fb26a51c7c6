package io.mintp2p.core.peers;

import io.mintp2p.core.node.AddressBookEntry;
import io.mintp2p.core.node.BanEntry;
import io.mintp2p.core.node.PeerId;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Message;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Node-wide connection policy, sans-I/O: it keeps outbound connections at the target, refuses
 * inbound over the maximum, runs discovery (address exchange, the address book), back-off, bans
 * and misbehaviour scores. Every method must be called on the node's serial scheduler; it acts
 * only through {@link PeerManagerActions} and its own timers on that scheduler.
 */
public interface PeerManager {

    /** Loads persisted state, dials reserved and boot nodes, starts the maintenance timer. */
    void start();

    /**
     * The node's listeners are bound; these (real ports) are what it may announce to peers. A
     * wildcard host (0.0.0.0, ::) means "the address the peer sees us at" (a Hello's receiverAddress).
     */
    void onListening(List<TransportAddress> boundAddresses);

    /** Cancels timers and persists the address book and bans (atomically). */
    void stop();

    /**
     * A transport accepted an inbound connection, before any handshake. Returns a refusal reason
     * (banned address, too many pending handshakes), or empty to go on with the handshake.
     */
    Optional<String> onInboundConnection(TransportAddress remote);

    /** A dial failed (no answer, timeout, handshake failure or refusal before acceptance). */
    void onOutboundFailed(TransportAddress address, DialPurpose purpose, String reason);

    /** Decides what to do with a freshly handshaken connection. */
    Verdict onHandshakeCompleted(HandshakeResult result);

    /** An inbound connection closed before its handshake completed (frees its pending slot). */
    void onPendingInboundClosed(TransportAddress remote);

    /** A peer that was accepted (or served) is gone. */
    void onPeerDisconnected(PeerId peer, String reason);

    /** Address-exchange control messages from a handshaken peer: AddrListRequest/Response, AnnounceAddrRequest. */
    void onMessage(PeerId peer, Message message);

    /** The peer (or, before acceptance, the address) misbehaved by {@code score}; may discourage its IP. */
    void onMisbehaviour(Optional<PeerId> peer, InetAddress address, int score, String reason);

    /** Operator-requested dial. */
    void connectManually(TransportAddress address);

    void ban(InetAddress address, Duration duration, String reason);

    void unban(InetAddress address);

    List<BanEntry> bans();

    List<AddressBookEntry> addresses();
}
