package io.mintp2p.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * The default readiness of a {@link NodeContainer}: its p2p port accepts a connection and keeps it open.
 * Docker's port proxy accepts on the host side even while nothing listens in the container, and then
 * closes at once; so a connection that reaches end-of-stream within {@link #HOLD} does not count, one that
 * stays open (or gets bytes: a node that speaks first) does. Works with images without a shell, which
 * Testcontainers' own port check needs. The probe connection closes without a word; a node sees one
 * inbound connection from the Docker gateway that never says hello.
 */
final class PortAccepting extends AbstractWaitStrategy {
    static final Duration HOLD = Duration.ofMillis(300);
    private static final Duration POLL = Duration.ofMillis(200);
    private final int port;

    PortAccepting(int port) {
        this.port = port;
    }

    /** Polls on the starting thread until the port accepts or the startup timeout has passed; blocks. */
    @Override
    protected void waitUntilReady() {
        String host = waitStrategyTarget.getHost();
        int mapped = waitStrategyTarget.getMappedPort(port);
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (!accepts(host, mapped)) {
            if (System.nanoTime() > deadline) {
                throw new ContainerLaunchException("port " + port + " (host " + host + ":" + mapped
                        + ") did not accept connections within " + startupTimeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for port " + port, e);
            }
        }
    }

    /** Whether a connection to host:port opens and is not closed at once; blocks at most about {@link #HOLD} plus the connect. */
    static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) HOLD.toMillis() * 3);
            s.setSoTimeout((int) HOLD.toMillis());
            InputStream in = s.getInputStream();
            try {
                return in.read() >= 0;
            } catch (SocketTimeoutException stillOpen) {
                return true;
            }
        } catch (IOException refusedOrReset) {
            return false;
        }
    }
}
