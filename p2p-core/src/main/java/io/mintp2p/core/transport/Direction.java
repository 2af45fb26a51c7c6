package io.mintp2p.core.transport;

/** Who opened the connection. */
public enum Direction {
    /** The remote dialled us. */
    INBOUND,
    /** We dialled the remote. */
    OUTBOUND
}
