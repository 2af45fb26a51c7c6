package io.mintp2p.core.node;

import com.google.inject.AbstractModule;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.wire.MessageType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Guice wiring of one node's core: config, message registry and codec, scheduler, randomness and
 * the {@link P2pNode}. Add one or more transport modules beside it; each binds itself into
 * {@code MapBinder<String, Transport>} under its scheme. Without Guice, {@link P2pNode#builder} takes
 * the same options. One module makes one node (its scheduler and handler pool are that node's).
 *
 * <pre>{@code
 * P2pNode node = Guice.createInjector(
 *         new P2pModule(config).withMessageTypes(CHAT),
 *         new TcpTransportModule())
 *     .getInstance(P2pNode.class);
 * }</pre>
 */
public final class P2pModule extends AbstractModule {
    private final P2pConfig config;
    private final List<MessageType<?>> messageTypes = new ArrayList<>();
    private Scheduler scheduler;
    private RandomGenerator random;
    private MessageHandlerExecutor handlerExecutor;
    private final List<Protocol> protocols = new ArrayList<>();

    /**
     * The core of a node with this configuration; {@code with...} options before the injector is made. Any thread.
     *
     * @param config the node's configuration
     */
    public P2pModule(P2pConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Application message types this node speaks; their service bits are advertised in our Hello. Caller's thread.
     *
     * @param types the types
     * @return this module
     */
    public P2pModule withMessageTypes(MessageType<?>... types) {
        messageTypes.addAll(Arrays.asList(types));
        return this;
    }

    /**
     * Protocols this node speaks: their message types and both halves of their request types are
     * registered, their service bits advertised in our Hello, and their requests served and answered
     * ({@link P2pNode#request}, {@link P2pNode#serve}, {@link P2pNode#attach}). Caller's thread.
     *
     * @param protocols the protocols
     * @return this module
     */
    public P2pModule withProtocols(Protocol... protocols) {
        this.protocols.addAll(Arrays.asList(protocols));
        return this;
    }

    /**
     * The serial context for all protocol state. The default is one new event-loop thread,
     * {@code mintp2p-<nodeName>}, which the node owns and ends once {@code stop()} completed; a
     * scheduler passed here stays yours to close. Caller's thread.
     *
     * @param scheduler the node thread, such as a {@code VirtualTimeScheduler} in a simulation
     * @return this module
     */
    public P2pModule withScheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * Source of nonces and random choices; pass a seeded one for deterministic simulations. A dial's
     * handshake nonce is drawn on the transport's thread, so with a multi-threaded transport it must be
     * thread-safe (the default {@code SecureRandom} and {@code java.util.Random} are). Caller's thread.
     *
     * @param random the source
     * @return this module
     */
    public P2pModule withRandom(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * Where application message handlers run (default: a pool of daemon threads the node owns,
     * {@code mintp2p-<nodeName>-handler-<n>}, shut down by {@code stop()}).
     * Each peer's messages still run one at a time, in order; the executor stays yours to shut down. Caller's thread.
     *
     * @param executor runs the handlers
     * @return this module
     */
    public P2pModule withHandlerExecutor(java.util.concurrent.Executor executor) {
        this.handlerExecutor = MessageHandlerExecutor.of(executor);
        return this;
    }

    @Override
    protected void configure() {
        install(new NodePartsModule(NodeParts.of(config, messageTypes, protocols, scheduler, random, handlerExecutor)));
    }
}
