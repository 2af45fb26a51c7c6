package io.mintp2p.core.peers.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A peer manager on virtual time against recorded actions, and helpers to play its peers. */
abstract class PeerManagerTestBase {
    final VirtualTimeScheduler time = new VirtualTimeScheduler();
    final RecordingActions actions = new RecordingActions();
    long nextPeer = 1;

    PeerManager manager(P2pConfig.Builder config) {
        PeerManager pm = PeerManagers.create(config.build(), "tcp", time, new SplittableRandom(3), actions);
        pm.onListening(List.of(TransportAddress.of("tcp", "127.0.0.1", 23031)));
        pm.start();
        return pm;
    }

    static TransportAddress tcp(String host, int port) {
        return TransportAddress.of("tcp", host, port);
    }

    static PeerAddress peer(String ip, int port) {
        try {
            return new PeerAddress(InetAddress.getByName(ip), port);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static final CloseReason REFUSED = CloseReason.of(DisconnectReason.CONNECT_FAILED, "connection refused");

    HandshakeResult handshake(TransportAddress address, Direction direction, Optional<DialPurpose> purpose) {
        return new HandshakeResult(new PeerId(nextPeer++), address, direction, purpose, Optional.empty(), 3,
                Services.PEER_ADDRESSES, "peer", new SemVer(1, 0, 0), Optional.empty());
    }

    HandshakeResult inbound(String ip, int port, PeerManager pm) {
        return handshake(tcp(ip, port), Direction.INBOUND, Optional.empty());
    }

    /** Completes every pending dial successfully. */
    List<HandshakeResult> answerDials(PeerManager pm) {
        List<HandshakeResult> done = new ArrayList<>();
        for (RecordingActions.Dial d : new ArrayList<>(actions.dials)) {
            HandshakeResult r = handshake(d.address(), Direction.OUTBOUND, Optional.of(d.purpose()));
            if (pm.onHandshakeCompleted(r).kind() == Verdict.Kind.ACCEPT) {
                done.add(r);
            }
        }
        actions.dials.clear();
        return done;
    }

}
