package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.time.EventLoopScheduler;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.inmemory.InMemoryNetwork;
import io.mintp2p.inmemory.InMemoryTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty nodes started, connected, exchanging a message and stopped leave no thread behind: every
 * thread a node made (event loop, handler pool, state writer, DNS seeds, transport event loops) is
 * named after it and has ended once {@code stop()} completed (threads take a moment to end after
 * their executor was shut down, hence the bounded wait).
 */
class StoppedNodesLeaveNoThreadsTest {
    private static final int NODES = 20;
    private static final Duration ENDED_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dataDirs;

    @Test
    void twentyTcpNodesStartedAndStoppedLeaveNoThreads() throws Exception {
        int before = countThreads(StoppedNodesLeaveNoThreadsTest::mintp2pOrNetty);
        List<P2pNode> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            P2pConfig.Builder config = P2pConfig.builder().nodeName("tcp-leak-" + i)
                    .listen(TransportAddress.parse("tcp://127.0.0.1:0")).targetOutbound(0).blockRelayOutbound(0)
                    .whitelistLoopback(true).dataDir(dataDirs.resolve("n" + i));
            if (i == 0) {
                config.dnsSeed("localhost").targetOutbound(1); // short of addresses at once: a lookup thread
            }
            P2pConfig c = config.build();
            nodes.add(P2pNode.builder(c).messageTypes(TcpNodesTest.NOTE).transport(new TcpTransport(TcpOptions.from(c)))
                    .build());
        }
        exchangeOneMessageAlongAChain(nodes);
        assertThat(countThreads(named("mintp2p-tcp-leak-"))).as("the nodes' threads carry their names")
                .isGreaterThanOrEqualTo(NODES * 3);
        assertThat(countThreads(named("mintp2p-tcp-leak-1-handler-"))).as("a handler pool thread").isPositive();
        assertThat(countThreads(named("mintp2p-tcp-leak-1-state-"))).as("a state writer").isEqualTo(1);
        assertThat(countThreads(named("mintp2p-tcp-leak-1-tcp-"))).as("a transport event loop").isPositive();

        stopAll(nodes);

        await().atMost(ENDED_WITHIN).untilAsserted(() -> assertThat(threadNames(named("mintp2p-tcp-leak-"))).isEmpty());
        await().atMost(ENDED_WITHIN).untilAsserted(() ->
                assertThat(countThreads(StoppedNodesLeaveNoThreadsTest::mintp2pOrNetty)).isLessThanOrEqualTo(before));
    }

    @Test
    void twentyInMemoryNodesStartedAndStoppedLeaveNoThreads() throws Exception {
        try (EventLoopScheduler networkLoop = new EventLoopScheduler("test-mem-network")) {
            InMemoryNetwork network = new InMemoryNetwork(networkLoop);
            List<P2pNode> nodes = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                String ip = "10.0.0." + (i + 1);
                P2pConfig c = P2pConfig.builder().nodeName("mem-leak-" + i)
                        .listen(TransportAddress.of(InMemoryTransport.SCHEME, ip, 23031))
                        .targetOutbound(0).blockRelayOutbound(0).build();
                nodes.add(P2pNode.builder(c).messageTypes(TcpNodesTest.NOTE).transport(network.transportFor(ip)).build());
            }
            exchangeOneMessageAlongAChain(nodes);
            assertThat(countThreads(named("mintp2p-mem-leak-"))).isGreaterThanOrEqualTo(NODES);

            stopAll(nodes);

            await().atMost(ENDED_WITHIN).untilAsserted(() -> assertThat(threadNames(named("mintp2p-mem-leak-"))).isEmpty());
        }
    }

    @Test
    void aStoppedNodeStillAnswersCallsWithoutItsThread() {
        P2pConfig c = P2pConfig.builder().nodeName("after-stop").listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .targetOutbound(0).blockRelayOutbound(0).build();
        P2pNode node = P2pNode.builder(c).transport(new TcpTransport(TcpOptions.from(c))).build();
        node.start().orTimeout(10, TimeUnit.SECONDS).join();
        node.stop().orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(ENDED_WITHIN).until(() -> countThreads(named("mintp2p-after-stop")) == 0);

        assertThat(node.connect(TransportAddress.parse("tcp://127.0.0.1:9"))).failsWithin(Duration.ofSeconds(5));
        assertThat(node.addresses()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(node.start()).failsWithin(Duration.ofSeconds(5));
        assertThat(node.stop()).succeedsWithin(Duration.ofSeconds(5));
    }

    /** Node i dials node i-1 and sends it a note; every node's handler pool then has run. */
    private static void exchangeOneMessageAlongAChain(List<P2pNode> nodes) throws InterruptedException {
        CountDownLatch received = new CountDownLatch(nodes.size() - 1);
        for (P2pNode n : nodes) {
            n.subscribe(TcpNodesTest.NOTE, (from, text) -> received.countDown());
            n.start().orTimeout(10, TimeUnit.SECONDS).join();
        }
        for (int i = 1; i < nodes.size(); i++) {
            P2pNode from = nodes.get(i);
            PeerSnapshot peer = from.connect(nodes.get(i - 1).listenAddresses().get(0)).orTimeout(10, TimeUnit.SECONDS).join();
            from.send(peer.id(), TcpNodesTest.NOTE, "hi").orTimeout(10, TimeUnit.SECONDS).join();
        }
        assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void stopAll(List<P2pNode> nodes) {
        nodes.stream().map(P2pNode::stop).toList().forEach(f -> f.orTimeout(20, TimeUnit.SECONDS).join());
    }

    private static boolean mintp2pOrNetty(Thread t) {
        String name = t.getName();
        return name.startsWith("mintp2p") || name.contains("EventLoopGroup") || name.startsWith("nioEventLoop")
                || name.startsWith("epollEventLoop");
    }

    private static Predicate<Thread> named(String prefix) {
        return t -> t.getName().startsWith(prefix);
    }

    private static int countThreads(Predicate<Thread> which) {
        return threadNames(which).size();
    }

    private static List<String> threadNames(Predicate<Thread> which) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(which)
                .map(Thread::getName).sorted().toList();
    }
}
