package io.mintp2p.examples.chain.app;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.examples.chain.logic.Block;
import io.mintp2p.examples.chain.logic.Chain;
import io.mintp2p.examples.chain.logic.Miner;
import io.mintp2p.examples.chain.node.ChainNode;
import io.mintp2p.examples.chain.node.ChainWire;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one chain node over TCP:
 * <pre>
 * java -jar chain-node.jar --listen tcp://0.0.0.0:23040 [--boot tcp://host:port]... [--name NAME]
 *      [--mine-interval 2s] [--mine-delay 10s] [--mine-blocks N] [--mine-work BITS] [--seed N]
 * </pre>
 * Prints {@code READY name=... listen=...} once listening, and {@code TIP name=... height=... hash=...
 * work=... at=<epoch ms>} at every new tip (the lines a container test waits for and reads: containers
 * share the host's clock, so their {@code at}s compare). With a mine interval it
 * mines a block on its tip at that pace (at most {@code --mine-blocks}) on a thread of its own, the
 * miner's; everything else runs on the node's threads.
 */
public final class ChainNodeMain {
    private ChainNodeMain() {
    }

    /**
     * Starts the node and blocks the main thread until the JVM is stopped (SIGTERM, SIGINT: the node says
     * goodbye to its peers and stops). A bad option: a line on stderr and exit code 2.
     */
    public static void main(String[] args) throws InterruptedException {
        ChainNodeOptions o;
        P2pNode node;
        try {
            o = ChainNodeOptions.parse(args);
            P2pConfig.Builder config = P2pConfig.builder().nodeName(o.name()).listen(o.listen()).userAgent("toychain");
            o.boot().forEach(config::bootNode);
            // The tcp transport is found on the class path (ServiceLoader); no Guice in this code.
            node = P2pNode.builder(config.build()).protocols(ChainWire.PROTOCOL).build();
        } catch (IllegalArgumentException e) {
            System.err.println("chain-node: " + e.getMessage() + "\n" + ChainNodeOptions.USAGE);
            System.exit(2);
            return;
        }
        Chain chain = new Chain();
        chain.onNewTip(tip -> System.out.printf("TIP name=%s height=%d hash=%s work=%d at=%d%n",
                o.name(), tip.header().height(), tip.hash(), chain.tipWork(), System.currentTimeMillis()));
        new ChainNode(node, chain);
        node.start().join();
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "chain-node-shutdown"));
        System.out.printf("READY name=%s listen=%s%n", o.name(),
                node.listenAddresses().stream().map(TransportAddress::toString).toList());
        if (!o.mineInterval().isZero()) {
            mine(chain, o);
        }
        new CountDownLatch(1).await();
    }

    private static void mine(Chain chain, ChainNodeOptions o) {
        Miner miner = new Miner(o.seed());
        AtomicInteger mined = new AtomicInteger();
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chain-node-miner");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> {
            if (mined.incrementAndGet() > o.mineBlocks()) {
                thread.shutdown();
                return;
            }
            byte[] payload = (o.name() + " block " + mined.get()).getBytes(StandardCharsets.UTF_8);
            Block b = miner.mine(chain, o.mineWork(), payload);
            chain.add(b);
        }, o.mineDelay().toMillis(), o.mineInterval().toMillis(), TimeUnit.MILLISECONDS);
    }
}
