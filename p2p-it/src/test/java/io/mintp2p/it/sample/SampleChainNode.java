package io.mintp2p.it.sample;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.TcpTransportModule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A node that is not the stock one, for {@code CustomNodeTopologyTest}: its own main class and command line
 * ({@code --listen ADDRESS [--boot ADDRESS]... [--target-outbound N] [--ping-seconds N]}: a ping after N s
 * idle, a pong awaited 3N s), built on the public API of p2p-core
 * and the TCP transport, no admin API. It prints {@code sample node ready on ADDRESS} once listening and
 * {@code peers=N} (N: how many other nodes it is linked to) whenever a link opens or closes, which is all a test can see of it (its logs).
 */
public final class SampleChainNode {
    /** The line a container's readiness check waits for. */
    public static final String READY = "sample node ready on ";

    private SampleChainNode() {
    }

    /** Runs until the JVM is stopped (the container is). Main thread; blocks. */
    public static void main(String[] args) throws InterruptedException {
        P2pConfig.Builder config = P2pConfig.builder().allowPrivateAddresses(true);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--listen" -> config.listen(TransportAddress.parse(args[i + 1]));
                case "--boot" -> config.bootNode(TransportAddress.parse(args[i + 1]));
                case "--target-outbound" -> config.targetOutbound(Integer.parseInt(args[i + 1]));
                case "--ping-seconds" -> {
                    Duration period = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                    config.pingPeriod(period).pingTimeout(period.multipliedBy(3));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
        P2pConfig built = config.build();
        P2pNode node = Guice.createInjector(new P2pModule(built), new TcpTransportModule()).getInstance(P2pNode.class);
        // On the node thread, in the order the node decided them: each Disconnected follows its Connected. Two
        // nodes may hold several connections (each dialled the other, block-relay links): count hosts, not links.
        // A boot node is dialled by name, others by IP: boot names are resolved here, before the node runs.
        Map<String, String> bootIps = new HashMap<>();
        for (TransportAddress boot : built.bootNodes()) {
            try {
                bootIps.put(boot.host(), InetAddress.getByName(boot.host()).getHostAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve boot node " + boot, e);
            }
        }
        Map<String, Integer> linksByHost = new HashMap<>();
        node.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Connected c) {
                linksByHost.merge(host(c.snapshot(), bootIps), 1, Integer::sum);
                System.out.println("peers=" + linksByHost.size());
            } else if (e instanceof PeerEvent.Disconnected d) {
                linksByHost.computeIfPresent(host(d.snapshot(), bootIps), (h, n) -> n > 1 ? n - 1 : null);
                System.out.println("peers=" + linksByHost.size());
            }
        });
        node.start().join();
        System.out.println(READY + node.listenAddresses());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "sample-node-shutdown"));
        stopped.await();
    }

    private static String host(PeerSnapshot peer, Map<String, String> bootIps) {
        String host = peer.address().host();
        return bootIps.getOrDefault(host, host);
    }
}
