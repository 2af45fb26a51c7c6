package io.mintp2p.core.node;

import io.mintp2p.core.transport.DisconnectReason;
import java.util.Map;

/**
 * Counters of one node since start, for metrics: messages by type name (a closed set: the
 * registry's) and direction, handshakes, disconnects by typed reason, dials, and the gauges of what
 * the node holds for peers. A snapshot; totals only grow.
 *
 * @param readPauses      how often a peer's connection stopped reading because its messages piled up
 * @param sendsRefused    sends refused because the peer's queue was full (it does not read)
 * @param pendingInbound  inbound connections without a finished handshake right now
 * @param openConnections connections the node tracks right now, handshaken or not
 * @param discovery       the peer manager's book sizes, back-off, evictions, feelers, DNS lookups
 */
public record NodeStats(
        Map<String, Long> messagesIn,
        Map<String, Long> messagesOut,
        long handshakesOk,
        Map<DisconnectReason, Long> handshakesFailedByReason,
        Map<DisconnectReason, Long> disconnectsByReason,
        long dialsOk,
        long dialsFailed,
        long pingsSent,
        long readPauses,
        long sendsRefused,
        long admissionRefusals,
        long admissionEvictions,
        int pendingInbound,
        int openConnections,
        io.mintp2p.core.peers.PeerManagerStats discovery) {
}
