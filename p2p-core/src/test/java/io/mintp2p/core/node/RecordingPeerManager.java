package io.mintp2p.core.node;

import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.IdentityPin;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.PeerManagerStats;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Message;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A peer manager that records what the node tells it as lines, and answers handshakes with {@link #verdict}. */
final class RecordingPeerManager implements PeerManager {
    final List<String> heard = new ArrayList<>();
    Verdict verdict = Verdict.accept();

    @Override public void start() { heard.add("start"); }
    @Override public void onListening(List<TransportAddress> boundAddresses) { heard.add("listening " + boundAddresses); }
    @Override public CompletableFuture<Void> stop() { heard.add("stop"); return CompletableFuture.completedFuture(null); }
    @Override public boolean isBanned(InetAddress address) { return false; }
    @Override public boolean isDiscouraged(InetAddress address) { return false; }
    @Override public void onOutboundFailed(TransportAddress address, DialPurpose purpose, CloseReason reason) {
        heard.add("outbound failed " + address + " " + purpose + " " + reason.code());
    }
    @Override public Verdict onHandshakeCompleted(HandshakeResult result) {
        heard.add("handshake " + result.peer() + " " + result.direction());
        return verdict;
    }
    @Override public void onPeerDisconnected(PeerId peer, CloseReason reason) { heard.add("disconnected " + peer + " " + reason.code()); }
    @Override public void onPingRoundTrip(PeerId peer, Duration rtt) { heard.add("rtt " + peer); }
    @Override public void onUsefulMessage(PeerId peer) { heard.add("useful " + peer); }
    @Override public void onMessage(PeerId peer, Message message) { heard.add("message " + peer + " " + message.typeName()); }
    @Override public void onMisbehaviour(Optional<PeerId> peer, TransportAddress remote, Optional<PeerIdentity> identity,
                                         int score, CloseReason reason) {
        heard.add("misbehaved " + peer.map(PeerId::toString).orElse("-") + " " + remote.host() + " " + score);
    }
    @Override public void connectManually(TransportAddress address) { heard.add("connect " + address); }
    @Override public CompletableFuture<Void> ban(InetAddress address, Duration duration, String reason) { return CompletableFuture.completedFuture(null); }
    @Override public CompletableFuture<Void> unban(InetAddress address) { return CompletableFuture.completedFuture(null); }
    @Override public List<BanEntry> bans() { return List.of(); }
    @Override public CompletableFuture<Boolean> unpin(TransportAddress address) { return CompletableFuture.completedFuture(false); }
    @Override public List<IdentityPin> pins() { return List.of(); }
    @Override public List<AddressBookEntry> addresses() { return List.of(); }
    @Override public PeerManagerStats stats() { return PeerManagerStats.NONE; }
}
