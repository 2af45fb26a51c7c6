package io.mintp2p.testkit.transport;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link ConnectionHandler} for transport tests: records a connection's life (opens, frames, read
 * completions, closes) and flags contract violations; copies and releases every frame. Thread-safe: the
 * transport's I/O threads call it, the test thread reads the lists (synchronized lists, volatile flags).
 * Never blocks.
 */
public class RecordingHandler implements ConnectionHandler {
    /** A handler with nothing recorded yet. */
    public RecordingHandler() {
    }

    /** Remote addresses seen by {@link #admit} overrides in tests. */
    public final List<io.mintp2p.core.transport.TransportAddress> admitted = Collections.synchronizedList(new ArrayList<>());
    /** The connections opened, in order. */
    public final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
    /** A copy of every frame received, in order of arrival. */
    public final List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());
    /** The reason of every close reported, in order. */
    public final List<CloseReason> closes = Collections.synchronizedList(new ArrayList<>());
    /**
     * Set when a frame arrived before its connection was opened, or with another object than the one
     * opened: a contract violation.
     */
    public volatile boolean frameBeforeOpen;
    /** Set when a close was reported for an object that was never opened: a contract violation. */
    public volatile boolean closeOfUnknownConnection;
    /** How many frames had arrived at each {@link #onReadComplete}, in order. */
    public final List<Integer> framesAtReadComplete = Collections.synchronizedList(new ArrayList<>());
    /** Set when a frame arrived after which no read completion came before the close: a contract violation. */
    public volatile boolean closedInTheMiddleOfARun;

    /** Records the connection. Called by the transport's I/O thread. */
    @Override
    public void onOpen(Connection connection) {
        opened.add(connection);
    }

    /** Copies the frame into {@link #frames} and releases it. Called by the transport's I/O thread. */
    @Override
    public void onFrame(Connection connection, ByteBuf payload) {
        try {
            if (!opened.contains(connection)) {
                frameBeforeOpen = true;
            }
            byte[] copy = new byte[payload.readableBytes()];
            payload.readBytes(copy);
            frames.add(copy);
        } finally {
            payload.release();
        }
    }

    /** Records how many frames had arrived so far. Called by the transport's I/O thread. */
    @Override
    public void onReadComplete(Connection connection) {
        framesAtReadComplete.add(frames.size());
    }

    /** Records the close and checks it follows the contract. Called by the transport's I/O thread. */
    @Override
    public void onClosed(Connection connection, CloseReason reason) {
        if (!opened.contains(connection)) {
            closeOfUnknownConnection = true;
        }
        synchronized (framesAtReadComplete) {
            int last = framesAtReadComplete.isEmpty() ? 0 : framesAtReadComplete.get(framesAtReadComplete.size() - 1);
            closedInTheMiddleOfARun = last != frames.size();
        }
        closes.add(reason);
    }
}
