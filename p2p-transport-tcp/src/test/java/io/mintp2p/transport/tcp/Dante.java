package io.mintp2p.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's dante-server as a SOCKS5 proxy on 127.0.0.1 for tests. With a user, it runs in its own
 * mount namespace where copies of /etc/passwd and /etc/shadow hold that throwaway user, so the
 * host's /etc is never touched. Skipped without danted, except on CI ({@code CI=true}).
 */
final class Dante implements AutoCloseable {
    static final String USER = "mintp2ptest";

    private final Process process;
    private final InetSocketAddress address;

    private Dante(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    static void requireInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/danted"));
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("danted is not installed; on CI .ci/run installs dante-server");
        }
        Assumptions.assumeTrue(installed, "dante-server is not installed (apt-get install dante-server): SOCKS5 tests skipped");
    }

    /** A proxy without authentication, or with {@link #USER} and {@code password} (RFC 1929). */
    static Dante start(Path dir, Optional<String> password) throws IOException, InterruptedException {
        requireInstalled();
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("danted.log")); // it appends: a test reads only this run's lines
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("danted.conf");
        Files.writeString(conf, "logoutput: " + dir.toAbsolutePath().resolve("danted.log") + "\n"
                + "internal: 127.0.0.1 port = " + port + "\nexternal: 127.0.0.1\nclientmethod: none\n"
                + "socksmethod: " + (password.isPresent() ? "username" : "none") + "\n"
                + "user.privileged: root\nuser.unprivileged: nobody\n"
                + "client pass {\n        from: 127.0.0.0/8 to: 127.0.0.0/8\n}\n"
                + "socks pass {\n        from: 127.0.0.0/8 to: 127.0.0.0/8\n        command: connect\n        log: connect\n}\n");
        ProcessBuilder pb;
        if (password.isPresent()) {
            Path passwd = dir.resolve("passwd");
            Path shadow = dir.resolve("shadow");
            Files.writeString(passwd, Files.readString(Path.of("/etc/passwd"))
                    + USER + ":x:64999:64999::/nonexistent:/usr/sbin/nologin\n");
            Files.writeString(shadow, Files.readString(Path.of("/etc/shadow"))
                    + USER + ":" + cryptHash(password.get()) + ":19000:0:99999:7:::\n");
            pb = new ProcessBuilder("unshare", "--mount", "sh", "-c", "mount --bind \"$0\" /etc/passwd && mount --bind \"$1\" "
                    + "/etc/shadow && exec danted -f \"$2\"", passwd.toAbsolutePath().toString(),
                    shadow.toAbsolutePath().toString(), conf.toAbsolutePath().toString());
        } else {
            pb = new ProcessBuilder("danted", "-f", conf.toAbsolutePath().toString());
        }
        Process p = pb.redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket(address.getAddress(), port)) {
                return new Dante(p, address);
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("danted did not start; see " + dir.resolve("stdout.log"));
                }
                Thread.sleep(50);
            }
        }
    }

    private static String cryptHash(String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "passwd", "-6", "-stdin").start();
        p.getOutputStream().write((password + "\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String hash = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (p.waitFor() != 0 || !hash.startsWith("$6$")) {
            throw new IllegalStateException("openssl passwd failed: " + hash);
        }
        return hash;
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
