package io.mintp2p.core.node;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.time.Clock;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.Transports;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import java.util.random.RandomGenerator;

/**
 * Binds one node's {@link NodeParts} and the {@link P2pNode} made of them; transport modules beside
 * it fill {@code MapBinder<String, Transport>}. Used by {@link P2pModule} and by
 * {@link P2pNodeBuilder} for transports found on the class path.
 */
final class NodePartsModule extends AbstractModule {
    private final NodeParts parts;

    NodePartsModule(NodeParts parts) {
        this.parts = parts;
    }

    @Override
    protected void configure() {
        bind(P2pConfig.class).toInstance(parts.config);
        bind(MessageRegistry.class).toInstance(parts.codec.registry());
        bind(MessageCodec.class).toInstance(parts.codec);
        bind(Scheduler.class).toInstance(parts.scheduler);
        bind(OwnedScheduler.class).toInstance(parts.ownedScheduler);
        bind(Clock.class).toInstance(parts.scheduler.clock());
        bind(RandomGenerator.class).toInstance(parts.random);
        bind(ProtocolSet.class).toInstance(parts.protocolSet);
        bind(MessageHandlerExecutor.class).toInstance(parts.handlerExecutor);
        Transports.mapBinder(binder());
        bind(DefaultP2pNode.class).in(Scopes.SINGLETON);
        bind(P2pNode.class).to(DefaultP2pNode.class);
    }
}
