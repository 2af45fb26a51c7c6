package io.mintp2p.inmemory.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.inmemory.InMemoryNetwork;
import io.mintp2p.inmemory.InMemoryTransportModule;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Nodes made as a builder makes them (Guice, the in-memory transport) on one virtual clock, 10 ms
 * apart, with no automatic outbound connections: what the node-level tests on virtual time share.
 */
final class VirtualNodes {
    /** An application type on service bit 16; a node speaks it or not. */
    static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(100));

    final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final InMemoryNetwork network = new InMemoryNetwork(time, (a, b) -> Duration.ofMillis(10));
    private long seed = 1;

    /** A started node listening on {@code mem://ip:23031}, each with a seed of its own. */
    P2pNode node(String ip, boolean speaksNote) {
        return node(ip, P2pConfig.builder().listen(mem(ip)).targetOutbound(0).blockRelayOutbound(0), speaksNote);
    }

    /** A started node built from {@code builder} (which names its listen addresses) on the transport at {@code ip}. */
    P2pNode node(String ip, P2pConfig.Builder builder, boolean speaksNote) {
        return node(ip, builder, core -> {
            if (speaksNote) {
                core.withMessageTypes(NOTE);
            }
        }, node -> { });
    }

    /** As {@link #node(String, boolean)}, the module set up by {@code module} and the node by {@code beforeStart}. */
    P2pNode node(String ip, Consumer<P2pModule> module, Consumer<P2pNode> beforeStart) {
        return node(ip, P2pConfig.builder().listen(mem(ip)).targetOutbound(0).blockRelayOutbound(0), module, beforeStart);
    }

    /** The most general form: config from {@code builder}, module set up by {@code module}, node by {@code beforeStart}. */
    P2pNode node(String ip, P2pConfig.Builder builder, Consumer<P2pModule> module, Consumer<P2pNode> beforeStart) {
        P2pConfig config = builder.build();
        P2pModule core = new P2pModule(config).withScheduler(time).withHandlerExecutor(time)
                .withRandom(new SplittableRandom(seed++));
        module.accept(core);
        P2pNode node = Guice.createInjector(core, new InMemoryTransportModule(network, ip)).getInstance(P2pNode.class);
        beforeStart.accept(node);
        node.start();
        time.runUntilIdle();
        return node;
    }

    /** A node listening on {@code mem://ip:23031} with {@code config}'s other settings, made with the plain builder, not started. */
    P2pNode unstarted(String ip, P2pConfig.Builder config) {
        return P2pNode.builder(config.listenAddresses(List.of(mem(ip))).build()).scheduler(time).handlerExecutor(time)
                .random(new SplittableRandom(seed++)).messageTypes(NOTE).transport(network.transportFor(ip)).build();
    }

    static TransportAddress mem(String ip) {
        return TransportAddress.of("mem", ip, 23031);
    }

    /** Five virtual seconds later the future must be done: its value. */
    <T> T await(CompletableFuture<T> f) {
        time.advance(Duration.ofSeconds(5));
        assertThat(f).isDone();
        return f.join();
    }
}
