package io.mintp2p.core.node;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.time.EventLoopScheduler;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What one node is made of, worked out from the options of {@link P2pModule} or {@link P2pNodeBuilder}:
 * the codec of its message types and protocols, and its scheduler, randomness and handler executor
 * (the defaults where none was given: a new event loop and handler pool the node owns, a
 * {@code SecureRandom}). {@link NodePartsModule} binds them for Guice; the builder, given its
 * transports, makes the node from them directly, which costs a simulation of many nodes no injector
 * per node.
 * Caller's thread; nothing blocks. One instance makes one node (an own scheduler is that node's).
 */
final class NodeParts {
    final P2pConfig config;
    final MessageCodec codec;
    final ProtocolSet protocolSet;
    final Scheduler scheduler;
    final OwnedScheduler ownedScheduler;
    final RandomGenerator random;
    final MessageHandlerExecutor handlerExecutor;

    private NodeParts(P2pConfig config, MessageCodec codec, ProtocolSet protocolSet, Scheduler scheduler,
                      OwnedScheduler ownedScheduler, RandomGenerator random, MessageHandlerExecutor handlerExecutor) {
        this.config = config;
        this.codec = codec;
        this.protocolSet = protocolSet;
        this.scheduler = scheduler;
        this.ownedScheduler = ownedScheduler;
        this.random = random;
        this.handlerExecutor = handlerExecutor;
    }

    /**
     * The parts for these options; null ones take their defaults.
     *
     * @throws IllegalArgumentException if a message type is refused (a Mintlayer index, a reserved
     *                                  service bit, a duplicate); nothing is started then
     */
    static NodeParts of(P2pConfig config, List<MessageType<?>> messageTypes, List<Protocol> protocols,
                        Scheduler scheduler, RandomGenerator random, MessageHandlerExecutor handlerExecutor) {
        ProtocolSet protocolSet = ProtocolSet.of(protocols);
        List<MessageType<?>> all = new ArrayList<>(messageTypes);
        for (MessageType<?> t : protocolSet.wireTypes()) {
            if (all.stream().noneMatch(x -> x == t)) { // a protocol's plain type may also be given alone
                all.add(t);
            }
        }
        MessageCodec codec = new MessageCodec(MessageRegistry.builder().registerAll(all).build());
        Scheduler s = scheduler;
        OwnedScheduler owned = OwnedScheduler.NONE;
        if (s == null) {
            EventLoopScheduler own = EventLoopScheduler.forNode(config.nodeName());
            s = own;
            owned = OwnedScheduler.of(own);
        }
        return new NodeParts(config, codec, protocolSet, s, owned,
                random != null ? random : new SecureRandom(),
                handlerExecutor != null ? handlerExecutor : MessageHandlerExecutor.defaultPool(config.nodeName()));
    }

    /**
     * The node over these transports, not started. A refused node leaves no thread behind: the loop
     * and handler pool it would have owned start their threads only once used.
     *
     * @throws IllegalArgumentException if a listen address has no transport
     */
    DefaultP2pNode newNode(Map<String, Transport> transports) {
        DefaultP2pNode node = new DefaultP2pNode(config, transports, codec, scheduler, random, handlerExecutor,
                protocolSet);
        node.ownedScheduler(ownedScheduler);
        return node;
    }
}
