package io.mintp2p.core.node;

import java.util.Map;

/**
 * Counters of one node since start, for metrics: messages by type name and direction, handshakes,
 * and dials. A snapshot; totals only grow.
 */
public record NodeStats(
        Map<String, Long> messagesIn,
        Map<String, Long> messagesOut,
        long handshakesOk,
        Map<String, Long> handshakesFailedByReason,
        long dialsOk,
        long dialsFailed,
        long pingsSent) {
}
