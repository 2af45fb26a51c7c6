package io.mintp2p.examples.hello;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Getting started: two nodes on loopback speaking Noise (the transport is found on the class path), one
 * message type of our own, one message sent from bob to alice and printed, both nodes closed.
 */
public final class HelloNode {
    /** Our message: index 64 (64 and up are the application's), service bit 16, body = one SCALE string. */
    static final MessageType<String> GREETING = MessageType.of(64, "greeting", ServiceFlags.application(16),
            (text, out) -> out.string(text), in -> in.string(256));

    private HelloNode() {
    }

    /**
     * Starts alice and bob, bob dials alice and greets her; returns the text alice received. Blocks the
     * caller until the greeting arrived (at most 10 s) and both nodes stopped.
     */
    public static String run() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        try (P2pNode alice = node(); P2pNode bob = node()) {
            alice.subscribe(GREETING, (from, text) -> received.complete(text));   // runs on alice's handler pool
            alice.start().join();
            bob.start().join();
            PeerSnapshot peer = bob.connect(alice.listenAddresses().get(0)).join();   // once the handshake is accepted
            bob.send(peer.id(), GREETING, "hello, alice").join();                    // once written to the socket
            String text = received.get(10, TimeUnit.SECONDS);
            System.out.println("alice received: " + text);
            return text;
        }   // close(): goodbye to peers, every thread the node made ends
    }

    /** A node listening on a free loopback port. Caller's thread; does not block. */
    static P2pNode node() {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("noise://127.0.0.1:0")).build();
        return P2pNode.builder(config).messageTypes(GREETING).build();
    }

    /** Runs {@link #run()} on the main thread. */
    public static void main(String[] args) throws Exception {
        run();
    }
}
