package io.mintp2p.node;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.transport.AuthenticatingTransport;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One running node as the CLI runs it: the P2P node with every transport on the class path, the
 * gossip application, metrics and (optionally) the admin API.
 */
public final class NodeRuntime implements AutoCloseable {
    private final P2pNode node;
    private final Gossip gossip;
    private final NodeMetrics metrics;
    private final Optional<String> identity;
    private AdminServer admin;

    private NodeRuntime(Injector injector) {
        this.node = injector.getInstance(P2pNode.class);
        Map<String, Transport> transports = injector.getInstance(Key.get(new TypeLiteral<Map<String, Transport>>() { }));
        this.identity = identity(transports, node.config().listenAddresses().stream().map(TransportAddress::scheme).toList());
        this.gossip = new Gossip(node, identity.orElseGet(() -> node.config().listenAddresses().isEmpty() ? "node"
                : node.config().listenAddresses().get(0).toString()));
        this.metrics = new NodeMetrics(node);
    }

    /**
     * Builds and starts a node; binds the admin API when {@code admin} is given. Blocks until the node listens.
     *
     * @param config the node's configuration
     * @param admin  where the admin API listens, if it runs
     * @return the running node
     * @throws IOException if the admin API's address cannot be bound (the node is then stopped)
     */
    public static NodeRuntime start(P2pConfig config, Optional<AdminBinding> admin) throws IOException {
        return start(config, admin, TransportFlags.Setup.everything());
    }

    /** As above, with only the transports {@code transports} allows, configured by its bindings. */
    static NodeRuntime start(P2pConfig config, Optional<AdminBinding> admin, TransportFlags.Setup transports)
            throws IOException {
        List<Module> modules = new ArrayList<>();
        modules.add(new P2pModule(config).withMessageTypes(GossipMessage.TYPE));
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            if (transports.schemes().test(provider.scheme())) {
                modules.add(provider.module());
            }
        }
        modules.addAll(transports.bindings());
        NodeRuntime runtime = new NodeRuntime(Guice.createInjector(modules));
        runtime.node.start().join();
        if (admin.isPresent()) {
            try {
                runtime.admin = new AdminServer(admin.get(), runtime);
            } catch (IOException | RuntimeException e) {
                runtime.close(); // e.g. the admin port is taken: do not leave the node running unreachable
                throw e;
            }
        }
        return runtime;
    }

    /**
     * The P2P node. Any thread.
     *
     * @return the node
     */
    public P2pNode node() {
        return node;
    }

    /**
     * The demo gossip application. Any thread.
     *
     * @return the gossip of this node
     */
    public Gossip gossip() {
        return gossip;
    }

    /**
     * The node's Prometheus metrics. Any thread.
     *
     * @return the metrics
     */
    public NodeMetrics metrics() {
        return metrics;
    }

    /**
     * The identity of the transport we listen on first (tls, noise), else of any authenticating transport: with
     * both TLS and Noise loaded, each has its own key, and the one peers see is the listener's.
     */
    static Optional<String> identity(Map<String, Transport> transports, List<String> listenSchemes) {
        Stream<Transport> preferred = Stream.concat(listenSchemes.stream().map(transports::get).filter(Objects::nonNull),
                transports.values().stream());
        return preferred.filter(t -> t instanceof AuthenticatingTransport)
                .map(t -> ((AuthenticatingTransport) t).localIdentity().hex()).findFirst();
    }

    /**
     * Our identity (TLS certificate key or Noise static key), when an authenticating transport is in use.
     *
     * @return the identity in hex, if any
     */
    public Optional<String> identity() {
        return identity;
    }

    /**
     * Where the admin API listens. Any thread.
     *
     * @return the bound address, or empty without an admin API
     */
    public Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(admin).map(AdminServer::address);
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        node.stop().orTimeout(15, TimeUnit.SECONDS).join();
    }
}
