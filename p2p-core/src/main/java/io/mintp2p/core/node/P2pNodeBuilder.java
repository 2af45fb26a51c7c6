package io.mintp2p.core.node;

import com.google.inject.Guice;
import com.google.inject.Module;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportProvider;
import io.mintp2p.core.transport.Transports;
import io.mintp2p.core.wire.MessageType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Makes a node without dependency injection in the caller's code: the same options as {@link P2pModule},
 * one for one, plus the transports. Made by {@link P2pNode#builder(P2pConfig)}:
 *
 * <pre>{@code
 * P2pNode node = P2pNode.builder(config).messageTypes(CHAT).build();   // transports found on the class path
 * }</pre>
 *
 * <p>Without {@link #transport}, the node gets every transport whose {@link TransportProvider} is on the
 * class path or module path ({@link java.util.ServiceLoader}; {@code p2p-transport-tcp} brings "tcp").
 * A node made here behaves as one made with {@link P2pModule} and Guice (the same parts: its own
 * event-loop thread and handler pool unless given others, both ended by {@link P2pNode#stop()});
 * with its transports given, no injector is made, so a simulation of many nodes pays none per node. Not thread-safe: one thread configures and builds; {@link #build()} may be
 * called again for another node with the same options only if no scheduler, handler executor or
 * transport instance was given (those are one node's). Nothing blocks.
 */
public final class P2pNodeBuilder {
    private final P2pConfig config;
    private final List<MessageType<?>> messageTypes = new ArrayList<>();
    private final List<Protocol> protocols = new ArrayList<>();
    private final Map<String, Transport> transports = new LinkedHashMap<>();
    private Scheduler scheduler;
    private RandomGenerator random;
    private Executor handlerExecutor;

    P2pNodeBuilder(P2pConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Application message types this node speaks, as {@link P2pModule#withMessageTypes}.
     *
     * @param types the types
     * @return this builder
     */
    public P2pNodeBuilder messageTypes(MessageType<?>... types) {
        for (MessageType<?> t : types) {
            messageTypes.add(Objects.requireNonNull(t, "message type"));
        }
        return this;
    }

    /**
     * Protocols this node speaks (their types, requests and service bits), as {@link P2pModule#withProtocols}.
     *
     * @param protocols the protocols
     * @return this builder
     */
    public P2pNodeBuilder protocols(Protocol... protocols) {
        for (Protocol p : protocols) {
            this.protocols.add(Objects.requireNonNull(p, "protocol"));
        }
        return this;
    }

    /**
     * A transport for its scheme, instead of the ones found on the class path (give one per scheme the
     * node listens on or dials). The node closes it when it stops.
     *
     * @throws IllegalArgumentException if a transport of that scheme was given already
     * @param transport the transport, not yet used by another node
     * @return this builder
     */
    public P2pNodeBuilder transport(Transport transport) {
        Objects.requireNonNull(transport, "transport");
        if (transports.putIfAbsent(transport.scheme(), transport) != null) {
            throw new IllegalArgumentException("a transport for scheme '" + transport.scheme() + "' was given already");
        }
        return this;
    }

    /**
     * The serial context for all protocol state, as {@link P2pModule#withScheduler}; it stays yours to close.
     *
     * @param scheduler the node thread
     * @return this builder
     */
    public P2pNodeBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * Source of nonces and random choices, as {@link P2pModule#withRandom} (thread-safe with a multi-threaded transport).
     *
     * @param random the source
     * @return this builder
     */
    public P2pNodeBuilder random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * Where application message handlers run, as {@link P2pModule#withHandlerExecutor}; it stays yours to shut down.
     *
     * @param executor runs the handlers
     * @return this builder
     */
    public P2pNodeBuilder handlerExecutor(Executor executor) {
        this.handlerExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * The node, not started. Caller's thread; does not block (without {@link #transport}, a class-path
     * scan and Guice wiring of the transports found).
     *
     * @throws IllegalArgumentException if a listen address has no transport, or a message type is
     *                                  refused (a Mintlayer index, a reserved service bit, a duplicate)
     * @return the node
     */
    public P2pNode build() {
        NodeParts parts = NodeParts.of(config, messageTypes, protocols, scheduler, random,
                handlerExecutor == null ? null : MessageHandlerExecutor.of(handlerExecutor));
        if (!transports.isEmpty()) {
            return parts.newNode(Map.copyOf(transports));
        }
        List<Module> modules = new ArrayList<>();
        modules.add(new NodePartsModule(parts));
        modules.addAll(Transports.discoveredModules());
        try {
            return Guice.createInjector(modules).getInstance(P2pNode.class);
        } catch (com.google.inject.CreationException | com.google.inject.ProvisionException e) {
            throw unwrapped(e);
        }
    }

    /** The caller's mistake that Guice wrapped (a listen address without transport, a refused type), as thrown. */
    private static RuntimeException unwrapped(RuntimeException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException | c instanceof IllegalStateException) {
                return (RuntimeException) c;
            }
        }
        return e;
    }
}
