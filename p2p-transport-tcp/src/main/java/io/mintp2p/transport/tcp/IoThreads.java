package io.mintp2p.transport.tcp;

import io.mintp2p.core.time.NodeThreads;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event-loop threads of one node's transport: {@code mintp2p-<node>-<scheme>-<n>}, each running
 * with the node's SLF4J MDC context set once at its start (every connection on them is that node's;
 * nothing is paid per read). Netty's own thread class, so its fast thread-locals stay fast. Not
 * daemon threads, as Netty's default: {@link TcpTransport#close()} ends them.
 */
final class IoThreads extends DefaultThreadFactory {
    private final String node;
    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();

    IoThreads(String node, String scheme) {
        super(NodeThreads.loopName(node) + "-" + scheme, false);
        this.node = node;
        this.prefix = NodeThreads.loopName(node) + "-" + scheme + "-";
    }

    @Override
    protected Thread newThread(Runnable r, String ignoredName) {
        return super.newThread(NodeThreads.withNodeContext(node, r), prefix + next.incrementAndGet());
    }
}
