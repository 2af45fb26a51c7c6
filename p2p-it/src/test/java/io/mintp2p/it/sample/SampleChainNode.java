package io.mintp2p.it.sample;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.TcpTransportModule;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A node that is not the stock one, for {@code CustomNodeTopologyTest}: its own main class and command line
 * ({@code --listen ADDRESS [--boot ADDRESS]... [--target-outbound N] [--ping-seconds N]}: a ping after N s
 * idle, a pong awaited 3N s), built on the public API of p2p-core
 * and the TCP transport, no admin API. It prints {@code sample node ready on ADDRESS} once listening and
 * {@code peers=N} whenever its peer count changes, which is all a test can see of it (its logs).
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
        P2pNode node = Guice.createInjector(new P2pModule(config.build()), new TcpTransportModule()).getInstance(P2pNode.class);
        // On the node thread, in the order the node decided them: each Disconnected follows its Connected.
        int[] peers = {0};
        node.onPeerEvent(e -> {
            if (e instanceof PeerEvent.Connected || e instanceof PeerEvent.Disconnected) {
                peers[0] += e instanceof PeerEvent.Connected ? 1 : -1;
                System.out.println("peers=" + peers[0]);
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
}
