package io.mintp2p.bench.node;

import com.google.inject.Guice;
import com.google.inject.Module;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.Subscription;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.noise.NoiseTransportModule;
import io.mintp2p.transport.tcp.TcpTransportModule;
import io.mintp2p.transport.tls.TlsTransportModule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Nodes as a node builder assembles them: {@link P2pModule} with the benchmark's message types plus
 * the real transport module, through Guice. They make no automatic outbound connections (target 0),
 * so the only traffic is the benchmark's and the protocol's own.
 */
public final class BenchNodes {
    private BenchNodes() {
    }

    /** "tcp", "tls" or "noise". */
    public static P2pNode start(String scheme, UnaryOperator<P2pConfig.Builder> customize) {
        return start(scheme, customize, m -> m);
    }

    /** With a choice a node builder makes on the module, such as where handlers run. */
    public static P2pNode start(String scheme, UnaryOperator<P2pConfig.Builder> customize,
                                UnaryOperator<P2pModule> module) {
        P2pConfig config = customize.apply(P2pConfig.builder()
                .listen(TransportAddress.of(scheme, "127.0.0.1", 0))
                .whitelistLoopback(true)
                .targetOutbound(0)
                .blockRelayOutbound(0)).build();
        Module transport = switch (scheme) {
            case "tcp" -> new TcpTransportModule();
            case "tls" -> new TlsTransportModule();
            case "noise" -> new NoiseTransportModule();
            default -> throw new IllegalArgumentException("no transport module for " + scheme);
        };
        P2pNode node = Guice.createInjector(module.apply(new P2pModule(config).withMessageTypes(BenchMessages.all())
                .withProtocols(BenchMessages.ECHO_PROTOCOL)), transport)
                .getInstance(P2pNode.class);
        node.start().join();
        return node;
    }

    public static P2pNode start(String scheme) {
        return start(scheme, b -> b);
    }

    /**
     * {@code from} dials {@code to}; returns once both have reported the peer (the dialer's future,
     * the listener's {@link PeerEvent.Connected}): the dialer's view of the listener.
     */
    public static PeerSnapshot connect(P2pNode from, P2pNode to) throws Exception {
        CountDownLatch accepted = new CountDownLatch(1);
        Subscription events = to.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Connected) {
                accepted.countDown();
            }
        });
        try {
            PeerSnapshot peer = from.connect(to.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
            if (!accepted.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("listener did not report the peer");
            }
            return peer;
        } finally {
            events.close();
        }
    }

    public static void stopAll(List<P2pNode> nodes) {
        List<java.util.concurrent.CompletableFuture<Void>> stops = new ArrayList<>();
        for (P2pNode n : nodes) {
            stops.add(n.stop());
        }
        for (var f : stops) {
            try {
                f.get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("node did not stop cleanly: " + e);
            }
        }
    }
}
