package io.mintp2p.core.peers.manager;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManagerActions;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Message;
import java.util.ArrayList;
import java.util.List;

/** Remembers what the peer manager asked for. */
final class RecordingActions implements PeerManagerActions {
    record Dial(TransportAddress address, DialPurpose purpose) {
    }

    record Sent(PeerId peer, Message message) {
    }

    record Disconnect(PeerId peer, DisconnectReason reason) {
    }

    final List<Dial> dials = new ArrayList<>();
    final List<Sent> sent = new ArrayList<>();
    final List<Disconnect> disconnects = new ArrayList<>();

    @Override
    public void dial(TransportAddress address, DialPurpose purpose) {
        dials.add(new Dial(address, purpose));
    }

    @Override
    public void disconnect(PeerId peer, CloseReason reason) {
        disconnects.add(new Disconnect(peer, reason.code()));
    }

    @Override
    public void send(PeerId peer, Message message) {
        sent.add(new Sent(peer, message));
    }

    List<Message> sentTo(PeerId peer) {
        return sent.stream().filter(s -> s.peer().equals(peer)).map(Sent::message).toList();
    }
}
