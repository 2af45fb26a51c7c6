package io.mintp2p.core.peers.discovery;

import io.mintp2p.core.peers.persistence.StateFile;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.transport.TransportAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound peers a node had when it last saved its state, dialled first after a restart (as
 * Bitcoin Core and the Mintlayer node do): a restarted node goes back to peers it already trusted
 * instead of whoever answers first, which makes an eclipse at restart harder.
 * <p>Pure text format: {@link #load} blocks on the storage's reads (at construction of the peer
 * manager), {@link #serialize} is a snapshot taken on the node thread.
 */
public final class Anchors {
    static final String FORMAT_HEADER = "mintp2p-anchors v1";
    static final int MAX = 8;

    private Anchors() {
    }

    public static String serialize(List<TransportAddress> anchors) {
        StringBuilder sb = new StringBuilder(FORMAT_HEADER).append('\n');
        anchors.stream().limit(MAX).forEach(a -> sb.append(a).append('\n'));
        return sb.toString();
    }

    /** The saved anchors; an unreadable file is set aside (logged) and there are none. */
    public static List<TransportAddress> load(StateStorage storage) {
        try {
            List<TransportAddress> out = new ArrayList<>();
            for (String[] f : storage.records(StateFile.ANCHORS, FORMAT_HEADER, 1)) {
                if (out.size() < MAX) {
                    out.add(TransportAddress.parse(f[0]));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            storage.setAsideUnreadable(StateFile.ANCHORS, "anchors", e);
            return List.of();
        }
    }
}
