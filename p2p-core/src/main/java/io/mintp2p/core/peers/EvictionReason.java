package io.mintp2p.core.peers;

import java.util.Locale;

/** Why the peer manager dropped a peer it had accepted, for metrics ({@code mintp2p_evictions_total{reason}}). */
public enum EvictionReason {
    /** An inbound peer made room for a newcomer when the inbound slots were full. */
    INBOUND_FULL,
    /** An outbound peer over the slot's target (the rotating extra, or one that brought nothing lately). */
    OUTBOUND_SURPLUS,
    /** An outbound peer sharing its address group with another: a peer from a new group replaced it. */
    OUTBOUND_SAME_GROUP;

    /**
     * The metric label.
     *
     * @return the constant's name in lower case
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
