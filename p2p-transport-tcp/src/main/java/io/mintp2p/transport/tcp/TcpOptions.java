package io.mintp2p.transport.tcp;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.wire.WireLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Socket-level settings of the TCP transport.
 *
 * @param maxQueuedBytes what may wait in a connection's outbound buffer; at it, sends fail fast with
 *                       {@code QUEUE_FULL} (one frame of any size is still taken while under it). The node
 *                       stops taking application messages earlier: when the channel is over its
 *                       high-water mark, or its outbox holds half the room between that mark and this
 *                       limit (512 KiB by default); the other half is kept for the control messages it
 *                       owes a peer (a pong, an address answer), so an application streaming at full
 *                       speed cannot crowd them out and get its own peer dropped as a slow reader.
 * @param nodeName       the node the transport serves: its event-loop threads are
 *                       {@code mintp2p-<node>-<scheme>-<n>}, with the node's log context; empty: Netty's
 *                       default names
 */
public record TcpOptions(Duration connectTimeout, int maxFramePayload, int writeLowWaterMark, int writeHighWaterMark,
                         long maxQueuedBytes, Duration closeFlushTimeout, int ioThreads, Optional<String> nodeName) {

    public TcpOptions {
        if (maxFramePayload <= 0 || maxFramePayload > WireLimits.MAX_FRAME_PAYLOAD) {
            throw new IllegalArgumentException("maxFramePayload must be 1.." + WireLimits.MAX_FRAME_PAYLOAD);
        }
        if (writeLowWaterMark <= 0 || writeHighWaterMark < writeLowWaterMark) {
            throw new IllegalArgumentException("write water marks must satisfy 0 < low <= high");
        }
        Objects.requireNonNull(nodeName, "nodeName");
        if (maxQueuedBytes < writeHighWaterMark) {
            throw new IllegalArgumentException("maxQueuedBytes must be at least the high water mark");
        }
    }

    public static TcpOptions defaults() {
        return new TcpOptions(Duration.ofSeconds(10), WireLimits.MAX_FRAME_PAYLOAD, 512 * 1024, 2 * 1024 * 1024,
                3L * 1024 * 1024, Duration.ofSeconds(5), 0, Optional.empty());
    }

    public static TcpOptions from(P2pConfig config) {
        TcpOptions d = defaults();
        return new TcpOptions(config.outboundConnectTimeout(), d.maxFramePayload(), d.writeLowWaterMark(),
                d.writeHighWaterMark(), d.maxQueuedBytes(), d.closeFlushTimeout(), d.ioThreads(),
                Optional.of(config.nodeName()));
    }

    public TcpOptions withMaxQueuedBytes(long bytes) {
        return new TcpOptions(connectTimeout, maxFramePayload, writeLowWaterMark, writeHighWaterMark, bytes,
                closeFlushTimeout, ioThreads, nodeName);
    }

    /** With {@code threads} event loops (0: Netty's default, twice the cores). */
    public TcpOptions withIoThreads(int threads) {
        return new TcpOptions(connectTimeout, maxFramePayload, writeLowWaterMark, writeHighWaterMark, maxQueuedBytes,
                closeFlushTimeout, threads, nodeName);
    }
}
