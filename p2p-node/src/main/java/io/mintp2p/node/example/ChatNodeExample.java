package io.mintp2p.node.example;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.transport.tcp.TcpOptions;
import io.mintp2p.transport.tcp.TcpTransport;
import java.util.function.BiConsumer;

/**
 * How to assemble a custom node: core + a transport + an application message of one's own, with
 * {@link P2pNode#builder} (no dependency injection needed; {@code P2pModule} does the same with Guice).
 * {@code ChatNodeExample.start("tcp://127.0.0.1:0", ...)} gives a node that prints chat lines.
 */
public final class ChatNodeExample {
    /** Our own message: index 65 (64 and up are free), service bit 17, body = one SCALE string. */
    public static final MessageType<String> CHAT = MessageType.of(65, "chat", ServiceFlags.application(17),
            (text, out) -> out.string(text), in -> in.string(4096));

    private ChatNodeExample() {
    }

    /**
     * Starts a chat node listening on {@code listen}; every chat line received goes to {@code onChat}. Blocks until
     * the node listens.
     *
     * @param listen where to listen, such as {@code tcp://127.0.0.1:0}
     * @param onChat given the sender's address and the text, on the node's handler thread
     * @return the started node
     */
    public static P2pNode start(String listen, BiConsumer<String, String> onChat) {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse(listen)).whitelistLoopback(true).build();
        P2pNode node = P2pNode.builder(config).messageTypes(CHAT)
                .transport(new TcpTransport(TcpOptions.from(config)))   // leave out: every transport on the class path
                .build();
        node.subscribe(CHAT, (from, text) -> onChat.accept(from.address().toString(), text));
        node.start().join();
        return node;
    }

    /**
     * Two chat nodes on loopback: bob connects to alice and says hi, then both stop.
     *
     * @param args ignored
     * @throws Exception if a node fails to start or connect
     */
    public static void main(String[] args) throws Exception {
        P2pNode alice = start("tcp://127.0.0.1:0", (from, text) -> System.out.println("alice got '" + text + "' from " + from));
        P2pNode bob = start("tcp://127.0.0.1:0", (from, text) -> System.out.println("bob got '" + text + "' from " + from));
        bob.connect(alice.listenAddresses().get(0)).join();
        bob.broadcast(CHAT, "hi alice");
        Thread.sleep(500);
        bob.stop().join();
        alice.stop().join();
    }
}
