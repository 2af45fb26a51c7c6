package io.mintp2p.examples.chain.logic;

/** Why a block or header was found invalid: each is the sender's fault, never ours. */
public enum Invalid {
    /** Its parent is known, but its height is not the parent's plus one. */
    BAD_HEIGHT,
    /** A header of a list does not name the header before it as its parent, or the list does not start on a known block. */
    BAD_PARENT,
    /** The work it claims is outside {@link Chain#MIN_WORK}-{@link Chain#MAX_WORK}. */
    WORK_OUT_OF_RANGE,
    /** Its hash does not show the work it claims. */
    BAD_WORK,
    /** Its payload is too large or does not hash to the header's payload hash. */
    BAD_PAYLOAD
}
