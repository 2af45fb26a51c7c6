package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default readiness probe against loopback sockets: what Docker's port proxy does when nothing listens, and a node. */
class PortAcceptingTest {
    @Test
    void aConnectionHeldOpenCountsAndOneClosedAtOnceOrRefusedDoesNot() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket node = new ServerSocket(0, 50, loopback);
                ServerSocket proxyWithNothingBehind = new ServerSocket(0, 50, loopback)) {
            daemon(() -> acceptAll(node, held, false));
            daemon(() -> acceptAll(proxyWithNothingBehind, held, true));

            assertThat(PortAccepting.accepts(loopback.getHostAddress(), node.getLocalPort())).isTrue();
            assertThat(PortAccepting.accepts(loopback.getHostAddress(), proxyWithNothingBehind.getLocalPort())).isFalse();
            int closedPort;
            try (ServerSocket gone = new ServerSocket(0, 50, loopback)) {
                closedPort = gone.getLocalPort();
            }
            assertThat(PortAccepting.accepts(loopback.getHostAddress(), closedPort)).isFalse();
        } finally {
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "port-accepting-test");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void acceptAll(ServerSocket server, List<Socket> held, boolean closeAtOnce) {
        try {
            while (true) {
                Socket s = server.accept();
                if (closeAtOnce) {
                    s.close();
                } else {
                    synchronized (held) {
                        held.add(s);
                    }
                }
            }
        } catch (java.io.IOException closed) {
            // the server socket closed: the test is over
        }
    }
}
