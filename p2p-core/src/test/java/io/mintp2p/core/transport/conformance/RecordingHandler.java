package io.mintp2p.core.transport.conformance;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records a connection's life; copies and releases every frame. Thread-safe. */
public class RecordingHandler implements ConnectionHandler {
    /** Remote addresses seen by {@link #admit} overrides in tests. */
    public final List<io.mintp2p.core.transport.TransportAddress> admitted = Collections.synchronizedList(new ArrayList<>());
    public final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
    public final List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());
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

    @Override
    public void onOpen(Connection connection) {
        opened.add(connection);
    }

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

    @Override
    public void onReadComplete(Connection connection) {
        framesAtReadComplete.add(frames.size());
    }

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
