package io.mintp2p.core.session;

import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.SemVer;
import java.util.Optional;

/** What the remote told us in its Hello or HelloAck, plus the version we agreed on. */
public record RemoteHello(
        int announcedVersion,
        int commonVersion,
        long services,
        String userAgent,
        SemVer softwareVersion,
        Optional<PeerAddress> receiverAddress) {

    /**
     * The same without the receiver address (how the remote sees us: an address and an IP, ~100 B),
     * which matters once, at the handshake, and would otherwise be kept per peer.
     */
    public RemoteHello withoutReceiverAddress() {
        return receiverAddress.isEmpty() ? this
                : new RemoteHello(announcedVersion, commonVersion, services, userAgent, softwareVersion, Optional.empty());
    }
}
