package io.mintp2p.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real node jar as a separate process: {@code java -jar p2p-node.jar run --listen
 * tcp://127.0.0.1:<free port> --data-dir <tmp> --admin 127.0.0.1:0} (or noise://), default options otherwise.
 * Its output goes to {@code node.log} in the data dir's parent folder.
 */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path folder;
    private final InetSocketAddress address;
    /** Kills the node if this JVM exits without {@link #close()} (a test killed at its timeout). */
    private final Thread killer;

    private NodeProcess(Process process, Path folder, InetSocketAddress address) {
        this.process = process;
        this.folder = folder;
        this.address = address;
        this.killer = new Thread(process::destroyForcibly, "kill-node-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killer);
    }

    public static NodeProcess start(Path jar, Duration startTimeout) throws IOException, InterruptedException {
        return start(jar, startTimeout, "tcp");
    }

    /**
     * The same with the listener on {@code scheme} ("tcp" or "noise"); blocks until the node accepts TCP
     * connections on it or {@code startTimeout} passed.
     */
    public static NodeProcess start(Path jar, Duration startTimeout, String scheme) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("mintp2p-attack-jar-");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "run",
                "--listen", scheme + "://127.0.0.1:" + port, "--data-dir", folder.resolve("data").toString(),
                "--admin", "127.0.0.1:0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("node.log").toFile()).start();
        NodeProcess node = new NodeProcess(p, folder, new InetSocketAddress("127.0.0.1", port));
        long end = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                String log = Files.readString(folder.resolve("node.log"));
                node.close();
                throw new IOException("node exited with " + p.exitValue() + ": " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(node.address, 200);
                return node;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        node.close();
        throw new IOException("node did not listen on " + node.address + " within " + startTimeout);
    }

    public InetSocketAddress address() {
        return address;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(folder.resolve("node.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, then a kill after 10 s; the temporary folder is removed. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            TargetNode.deleteQuietly(folder);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }
}
