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
}
