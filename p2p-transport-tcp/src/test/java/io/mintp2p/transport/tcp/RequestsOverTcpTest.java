package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.node.Protocol;
import io.mintp2p.core.node.RequestType;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.ServiceFlags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request/response over loopback TCP on real threads: a handler of peer P that blocks on a request to
 * P gets its answer, even with both threads of a two-thread handler pool blocked that way at once,
 * because responses complete where they are decoded and never wait in the peer's handler queue.
 */
class RequestsOverTcpTest {
    static final ServiceFlags BIT = ServiceFlags.application(20);
    static final ScaleCodec<String> TEXT = ScaleCodec.of((s, w) -> w.string(s), r -> r.string(100));
    static final MessageType<String> CHAT = MessageType.of(86, "chat", BIT, TEXT);
    static final RequestType<String, String> ECHO = RequestType.correlated("echo", 80, 81, BIT, TEXT, TEXT);
    static final Protocol PROTOCOL = Protocol.builder("demo", 1, BIT).messages(CHAT).requests(ECHO).build();

    private final List<P2pNode> nodes = new CopyOnWriteArrayList<>();
    private final ExecutorService twoThreads = Executors.newFixedThreadPool(2);

    private P2pNode node(java.util.function.Consumer<P2pNode> beforeStart) {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .whitelistLoopback(true).targetOutbound(0).blockRelayOutbound(0).build();
        P2pModule core = new P2pModule(config).withProtocols(PROTOCOL);
        if (nodes.isEmpty()) {
            core.withHandlerExecutor(twoThreads);
        }
        P2pNode node = Guice.createInjector(core, new TcpTransportModule()).getInstance(P2pNode.class);
        beforeStart.accept(node);
        nodes.add(node);
        node.start().join();
        return node;
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop().orTimeout(10, TimeUnit.SECONDS).join());
        twoThreads.shutdownNow();
    }

    @Test
    void handlersBlockedOnTheirOwnPeersRequestsGetTheAnswers() throws Exception {
        List<String> answers = new CopyOnWriteArrayList<>();
        List<String> blockedOn = new CopyOnWriteArrayList<>();
        // The hub's two handler threads each block, in a handler of peer P, on a request to P.
        P2pNode hub = node(n -> n.subscribe(CHAT, (from, m) -> {
            blockedOn.add(Thread.currentThread().getName());
            answers.add(n.request(from.id(), ECHO, m, Duration.ofSeconds(30)).join());
        }));
        // Neither server answers before both requests arrived: both hub threads are blocked at once.
        AtomicInteger asked = new AtomicInteger();
        CompletableFuture<Void> bothAsked = new CompletableFuture<>();
        java.util.function.Consumer<P2pNode> server = n -> n.serve(ECHO, (from, q) -> {
            if (asked.incrementAndGet() == 2) {
                bothAsked.complete(null);
            }
            return bothAsked.thenApply(x -> q + "!");
        });
        P2pNode b = node(server);
        P2pNode c = node(server);
        PeerSnapshot hubOfB = b.connect(hub.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        PeerSnapshot hubOfC = c.connect(hub.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> hub.peers().size() == 2);

        b.send(hubOfB.id(), CHAT, "from b").get(10, TimeUnit.SECONDS);
        c.send(hubOfC.id(), CHAT, "from c").get(10, TimeUnit.SECONDS);

        await().atMost(20, TimeUnit.SECONDS).until(() -> answers.size() == 2);
        assertThat(answers).containsExactlyInAnyOrder("from b!", "from c!");
        assertThat(blockedOn).doesNotHaveDuplicates().hasSize(2);
    }
}
