package io.mintp2p.transport.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * A transport's open connections, so closing the transport can close them with its reason. A list
 * linked through the connections themselves (two fields each), guarded by this object's lock, taken
 * once when a connection opens and once when it goes: an entry of a concurrent set cost ~35 B per
 * peer (BENCHMARKS.md, memory.idle_peer).
 */
final class OpenConnections {
    private NettyConnection first;

    synchronized void add(NettyConnection connection) {
        connection.nextOpen = first;
        if (first != null) {
            first.previousOpen = connection;
        }
        first = connection;
    }

    /** Does nothing for a connection that was never added (refused at admission) or is already gone. */
    synchronized void remove(NettyConnection connection) {
        if (first != connection && connection.previousOpen == null) {
            return;
        }
        if (connection.previousOpen != null) {
            connection.previousOpen.nextOpen = connection.nextOpen;
        } else {
            first = connection.nextOpen;
        }
        if (connection.nextOpen != null) {
            connection.nextOpen.previousOpen = connection.previousOpen;
        }
        connection.previousOpen = null;
        connection.nextOpen = null;
    }

    synchronized List<NettyConnection> snapshot() {
        List<NettyConnection> all = new ArrayList<>();
        for (NettyConnection c = first; c != null; c = c.nextOpen) {
            all.add(c);
        }
        return all;
    }
}
