package io.mintp2p.core.node;

import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.WillDisconnect;
import io.mintp2p.core.transport.DisconnectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counters behind {@link NodeStats}. Every key comes from a closed set (message type
 * names of the registry, {@link DisconnectReason}), never from what a peer sends.
 */
final class StatsCollector {
    private static final int CONTROL_TYPES = 8;
    private static final DisconnectReason[] REASONS = DisconnectReason.values();

    private final Map<String, LongAdder> messagesIn = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> messagesOut = new ConcurrentHashMap<>();
    /**
     * The counters of the registered application types by index, shared with the maps above: a
     * message of the hot path counts without hashing its type's name (BENCHMARKS.md).
     */
    private final LongAdder[] appIn;
    private final LongAdder[] appOut;
    /**
     * The same for control messages, by {@link #controlIndex}, filled in on a type's first message (so
     * the maps, as before, name only what was seen): address messages are most of a simulated
     * network's frames, and hashing into a map per frame cost 6 % of a 10 000-node run.
     */
    private final LongAdder[] controlIn = new LongAdder[CONTROL_TYPES];
    private final LongAdder[] controlOut = new LongAdder[CONTROL_TYPES];
    /**
     * By {@link DisconnectReason} ordinal, each counter made at its reason's first event: a node sees
     * a handful of the reasons, and a simulation holds thousands of nodes (80 eager counters were
     * 3 KiB a node).
     */
    private final AtomicReferenceArray<LongAdder> handshakeFailures = new AtomicReferenceArray<>(REASONS.length);
    private final AtomicReferenceArray<LongAdder> disconnects = new AtomicReferenceArray<>(REASONS.length);
    private final LongAdder handshakesOk = new LongAdder();
    private final LongAdder dialsOk = new LongAdder();
    private final LongAdder dialsFailed = new LongAdder();
    private final LongAdder pingsSent = new LongAdder();
    final LongAdder readPauses = new LongAdder();
    private final LongAdder sendsRefused = new LongAdder();

    StatsCollector(MessageRegistry registry) {
        // As long as the highest registered index needs, not 256: one array pair per node.
        int length = registry.types().stream().mapToInt(t -> t.index() + 1).max().orElse(0);
        appIn = new LongAdder[length];
        appOut = new LongAdder[length];
        for (MessageType<?> type : registry.types()) {
            appIn[type.index()] = messagesIn.computeIfAbsent(type.name(), t -> new LongAdder());
            appOut[type.index()] = messagesOut.computeIfAbsent(type.name(), t -> new LongAdder());
        }
    }

    /** The reason's counter, made on first use (whichever thread wins the race, all count into it). */
    private static LongAdder counter(AtomicReferenceArray<LongAdder> byReason, DisconnectReason reason) {
        LongAdder counter = byReason.get(reason.ordinal());
        if (counter == null) {
            byReason.compareAndSet(reason.ordinal(), null, new LongAdder());
            counter = byReason.get(reason.ordinal());
        }
        return counter;
    }

    void messageIn(Message message) {
        if (message instanceof AppMessage<?> app) {
            appIn[app.type().index()].increment();
        } else {
            controlCounter(controlIn, messagesIn, message).increment();
        }
    }

    void messageOut(Message message) {
        if (message instanceof AppMessage<?> app) {
            appOut[app.type().index()].increment();
            return;
        }
        controlCounter(controlOut, messagesOut, message).increment();
        if (message instanceof PingRequest) {
            pingsSent.increment();
        }
    }

    /** Racy on purpose: two threads filling the same slot both get the map's one counter. */
    private static LongAdder controlCounter(LongAdder[] byIndex, Map<String, LongAdder> byName, Message message) {
        int index = controlIndex(message);
        LongAdder counter = byIndex[index];
        if (counter == null) {
            counter = byName.computeIfAbsent(message.typeName(), t -> new LongAdder());
            byIndex[index] = counter;
        }
        return counter;
    }

    private static int controlIndex(Message message) {
        if (message instanceof AnnounceAddrRequest) {
            return 0;
        } else if (message instanceof PingRequest) {
            return 1;
        } else if (message instanceof PingResponse) {
            return 2;
        } else if (message instanceof AddrListRequest) {
            return 3;
        } else if (message instanceof AddrListResponse) {
            return 4;
        } else if (message instanceof Hello) {
            return 5;
        } else if (message instanceof HelloAck) {
            return 6;
        } else if (message instanceof WillDisconnect) {
            return 7;
        }
        throw new IllegalArgumentException("not a control message: " + message.typeName());
    }

    void handshakeOk() {
        handshakesOk.increment();
    }

    void handshakeFailed(DisconnectReason reason) {
        counter(handshakeFailures, reason).increment();
    }

    void disconnected(DisconnectReason reason) {
        counter(disconnects, reason).increment();
    }

    void dial(boolean ok) {
        (ok ? dialsOk : dialsFailed).increment();
    }

    void sendRefused() {
        sendsRefused.increment();
    }

    NodeStats snapshot(long admissionRefusals, long admissionEvictions, int pendingInbound, int openConnections,
                       io.mintp2p.core.peers.PeerManagerStats discovery) {
        return new NodeStats(copy(messagesIn), copy(messagesOut), handshakesOk.sum(), nonZero(handshakeFailures),
                nonZero(disconnects), dialsOk.sum(), dialsFailed.sum(), pingsSent.sum(), readPauses.sum(),
                sendsRefused.sum(), admissionRefusals, admissionEvictions, pendingInbound, openConnections, discovery);
    }

    private static Map<String, Long> copy(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static Map<DisconnectReason, Long> nonZero(AtomicReferenceArray<LongAdder> byReason) {
        Map<DisconnectReason, Long> out = new EnumMap<>(DisconnectReason.class);
        for (DisconnectReason r : REASONS) {
            LongAdder counter = byReason.get(r.ordinal());
            long n = counter == null ? 0 : counter.sum();
            if (n > 0) {
                out.put(r, n);
            }
        }
        return out;
    }
}
