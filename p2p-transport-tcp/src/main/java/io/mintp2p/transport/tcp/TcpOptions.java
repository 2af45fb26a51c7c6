package io.mintp2p.transport.tcp;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.wire.WireLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Socket-level settings of the TCP transport. Immutable; any thread.
 *
 * @param connectTimeout     how long a dial may take to connect
 * @param maxFramePayload    the largest frame payload accepted or sent, at most {@link WireLimits#MAX_FRAME_PAYLOAD}
 * @param writeLowWaterMark  the outbound buffer level under which a channel is writable again
 * @param writeHighWaterMark the outbound buffer level over which a channel is no longer writable
 * @param maxQueuedBytes what may wait in a connection's outbound buffer; at it, sends fail fast with
 *                       {@code QUEUE_FULL} (one frame of any size is still taken while under it). The node
 *                       stops taking application messages earlier: when the channel is over its
 *                       high-water mark, or its outbox holds half the room between that mark and this
 *                       limit (512 KiB by default); the other half is kept for the control messages it
 *                       owes a peer (a pong, an address answer), so an application streaming at full
 *                       speed cannot crowd them out and get its own peer dropped as a slow reader.
 * @param closeFlushTimeout  how long a close waits for what was accepted to be written to a peer that does not read
 * @param ioThreads          the number of event loops; 0: Netty's default, twice the cores
 * @param nodeName       the node the transport serves: its event-loop threads are
 *                       {@code mintp2p-<node>-<scheme>-<n>}, with the node's log context; empty: Netty's
 *                       default names
 */
public record TcpOptions(Duration connectTimeout, int maxFramePayload, int writeLowWaterMark, int writeHighWaterMark,
                         long maxQueuedBytes, Duration closeFlushTimeout, int ioThreads, Optional<String> nodeName) {

    /**
     * Checks the settings.
     *
     * @param connectTimeout     how long a dial may take to connect
     * @param maxFramePayload    1 to {@link WireLimits#MAX_FRAME_PAYLOAD}
     * @param writeLowWaterMark  positive
     * @param writeHighWaterMark at least the low water mark
     * @param maxQueuedBytes     at least the high water mark
     * @param closeFlushTimeout  how long a close waits for the peer to read
     * @param ioThreads          the number of event loops; 0: Netty's default
     * @param nodeName           the node served, for thread names
     * @throws IllegalArgumentException if a limit is out of range
     */
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

    /**
     * Defaults for tests and tools: 10 s connect, the wire's largest frame, 512 KiB / 2 MiB water marks, 3 MiB queued,
     * 5 s close flush, Netty's thread count, Netty's thread names.
     *
     * @return the default settings
     */
    public static TcpOptions defaults() {
        return new TcpOptions(Duration.ofSeconds(10), WireLimits.MAX_FRAME_PAYLOAD, 512 * 1024, 2 * 1024 * 1024,
                3L * 1024 * 1024, Duration.ofSeconds(5), 0, Optional.empty());
    }

    /**
     * The defaults with the node's dial timeout and the node's name for the threads.
     *
     * @param config the node's configuration
     * @return settings for that node's transport
     */
    public static TcpOptions from(P2pConfig config) {
        TcpOptions d = defaults();
        return new TcpOptions(config.outboundConnectTimeout(), d.maxFramePayload(), d.writeLowWaterMark(),
                d.writeHighWaterMark(), d.maxQueuedBytes(), d.closeFlushTimeout(), d.ioThreads(),
                Optional.of(config.nodeName()));
    }

    /**
     * With {@code bytes} as the outbound limit.
     *
     * @param bytes the new {@code maxQueuedBytes}; at least the high water mark
     * @return a copy with that limit
     */
    public TcpOptions withMaxQueuedBytes(long bytes) {
        return new TcpOptions(connectTimeout, maxFramePayload, writeLowWaterMark, writeHighWaterMark, bytes,
                closeFlushTimeout, ioThreads, nodeName);
    }

    /**
     * With {@code threads} event loops (0: Netty's default, twice the cores).
     *
     * @param threads the number of event loops
     * @return a copy with that count
     */
    public TcpOptions withIoThreads(int threads) {
        return new TcpOptions(connectTimeout, maxFramePayload, writeLowWaterMark, writeHighWaterMark, maxQueuedBytes,
                closeFlushTimeout, threads, nodeName);
    }
}
