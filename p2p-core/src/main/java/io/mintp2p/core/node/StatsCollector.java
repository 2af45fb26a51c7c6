package io.mintp2p.core.node;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link NodeStats}. */
final class StatsCollector {
    private final Map<String, LongAdder> messagesIn = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> messagesOut = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> handshakeFailures = new ConcurrentHashMap<>();
    private final LongAdder handshakesOk = new LongAdder();
    private final LongAdder dialsOk = new LongAdder();
    private final LongAdder dialsFailed = new LongAdder();
    private final LongAdder pingsSent = new LongAdder();

    void messageIn(String type) {
        messagesIn.computeIfAbsent(type, t -> new LongAdder()).increment();
    }

    void messageOut(String type) {
        messagesOut.computeIfAbsent(type, t -> new LongAdder()).increment();
        if ("ping_request".equals(type)) {
            pingsSent.increment();
        }
    }

    void handshakeOk() {
        handshakesOk.increment();
    }

    void handshakeFailed(String reason) {
        handshakeFailures.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void dial(boolean ok) {
        (ok ? dialsOk : dialsFailed).increment();
    }

    NodeStats snapshot() {
        return new NodeStats(copy(messagesIn), copy(messagesOut), handshakesOk.sum(), copy(handshakeFailures),
                dialsOk.sum(), dialsFailed.sum(), pingsSent.sum());
    }

    private static Map<String, Long> copy(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
