package io.mintp2p.core.admission;

/**
 * Bounds on inbound connections that have not finished the protocol handshake.
 *
 * @param total    all pending connections of the node
 * @param perHost  pending connections from one IP address
 * @param perGroup pending connections from one address group while others may need room
 */
public record AdmissionLimits(int total, int perHost, int perGroup) {
    public AdmissionLimits {
        if (total < 1 || perHost < 1 || perGroup < 1) {
            throw new IllegalArgumentException("admission limits must be positive: " + total + "/" + perHost + "/" + perGroup);
        }
    }

    /** Per group half of the total (at least the per-host limit), so no single network holds them all. */
    public static AdmissionLimits forTotal(int total, int perHost) {
        return new AdmissionLimits(total, perHost, Math.max(perHost, total / 2));
    }
}
