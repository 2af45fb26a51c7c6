package io.mintp2p.transport.tcp;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transport's open connections, so closing the transport can close them with its reason. A list
 * linked through the connections themselves (two fields each), guarded by this object's lock, taken
 * once when a connection opens and once when it goes: an entry of a concurrent set cost ~35 B per
 * peer (BENCHMARKS.md, memory.idle_peer). Also counts them per event loop, for
 * {@link SameLoopFirstChooser}.
 */
final class OpenConnections {
    private NettyConnection first;
    /** Open connections per event loop: a handful of loops per transport, not an entry per peer. */
    private final Map<EventExecutor, int[]> perLoop = new IdentityHashMap<>();

    synchronized void add(NettyConnection connection) {
        perLoop.computeIfAbsent(connection.loop(), l -> new int[1])[0]++;
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
        perLoop.get(connection.loop())[0]--;
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

    synchronized int connectionsOn(EventExecutor loop) {
        int[] count = perLoop.get(loop);
        return count == null ? 0 : count[0];
    }

    synchronized List<NettyConnection> snapshot() {
        List<NettyConnection> all = new ArrayList<>();
        for (NettyConnection c = first; c != null; c = c.nextOpen) {
            all.add(c);
        }
        return all;
    }
}
