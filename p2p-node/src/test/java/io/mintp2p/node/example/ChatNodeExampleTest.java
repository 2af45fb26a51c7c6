package io.mintp2p.node.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.node.P2pNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatNodeExampleTest {
    @Test
    void customMessageTravelsBetweenTwoCustomNodes() throws Exception {
        List<String> aliceGot = new CopyOnWriteArrayList<>();
        P2pNode alice = ChatNodeExample.start("tcp://127.0.0.1:0", (from, text) -> aliceGot.add(text));
        P2pNode bob = ChatNodeExample.start("tcp://127.0.0.1:0", (from, text) -> { });
        try {
            bob.connect(alice.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
            assertThat(bob.broadcast(ChatNodeExample.CHAT, "hi alice")).isEqualTo(1);
            await().atMost(10, TimeUnit.SECONDS).until(() -> aliceGot.contains("hi alice"));
        } finally {
            bob.stop().get(10, TimeUnit.SECONDS);
            alice.stop().get(10, TimeUnit.SECONDS);
        }
    }
}
