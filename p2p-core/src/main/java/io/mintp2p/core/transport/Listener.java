package io.mintp2p.core.transport;

/** A bound listening endpoint. */
public interface Listener extends AutoCloseable {
    /**
     * The actual bound address (the real port when port 0 was asked for).
     *
     * @return the listener's address
     */
    TransportAddress localAddress();

    /** Stops accepting; established connections stay open. */
    @Override
    void close();
}
