package io.mintp2p.transport.tor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A complete Tor network on 127.0.0.1 (see TOR.md): three directory authorities (also HSDirs), a
 * relay, an exit that only exits to 127.0.0.1, and one tor that is both client (SOCKS) and
 * onion-service host (control port). Every port
 * is on loopback, every DataDirectory under {@code target/}; no internet needed. Started once per
 * test run by {@link TorNetworkExtension}.
 */
public final class PrivateTorNetwork implements AutoCloseable {
    private static final int AUTHORITIES = 3;
    private static final int VOTING_INTERVAL_SECONDS = 5;
    private static final Duration CONSENSUS_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
    /** The client tor accepts its cookie and this password (HashedControlPassword), so both paths are tested. */
    public static final String CONTROL_PASSWORD = "mintp2p-test";

    private record Relay(String nick, Path dir, int orPort, int dirPort, String fingerprint, String v3ident) {
    }

    private final Path base;
    private final java.util.Map<Process, Path> processes = new java.util.LinkedHashMap<>();
    private InetSocketAddress socks;
    private InetSocketAddress control;
    private Duration startup;

    private PrivateTorNetwork(Path base) {
        this.base = base;
    }

    /** Starts the network; an attempt that stalls (TOR.md pitfall 3) is torn down and started again. */
    public static PrivateTorNetwork start(Path base, int attempts) throws IOException, InterruptedException {
        deleteTree(base);
        IllegalStateException last = null;
        for (int i = 1; i <= attempts; i++) {
            PrivateTorNetwork net = new PrivateTorNetwork(base.resolve("attempt-" + i));
            try {
                net.launch();
                Runtime.getRuntime().addShutdownHook(new Thread(net::close, "private-tor-network-stop"));
                return net;
            } catch (IllegalStateException e) {
                net.close();
                last = e;
                System.err.println("private tor network, attempt " + i + ": " + e.getMessage());
            }
        }
        throw last;
    }

    /**
     * By hand (README, "Tor"): {@code java -cp p2p-transport-tor/target/test-classes
     * io.mintp2p.transport.tor.PrivateTorNetwork [dir]} runs the network until Ctrl-C. JDK classes only.
     */
    public static void main(String[] args) throws Exception {
        PrivateTorNetwork net = start(Path.of(args.length > 0 ? args[0] : "target/tor-by-hand"), 3);
        System.out.printf("private tor network up in %.1f s%n  --tor-socks %s:%d --tor-control %s:%d%n",
                net.startupTime().toMillis() / 1000.0, net.socks().getHostString(), net.socks().getPort(),
                net.control().getHostString(), net.control().getPort());
        Thread.currentThread().join();
    }

    public InetSocketAddress socks() {
        return socks;
    }

    public InetSocketAddress control() {
        return control;
    }

    /** The client tor's control cookie (CookieAuthentication 1). */
    public Path controlCookie() {
        return base.resolve("client").resolve("control_auth_cookie");
    }

    /** From launching the first tor to the client's "Bootstrapped 100%". */
    public Duration startupTime() {
        return startup;
    }

    private void launch() throws IOException, InterruptedException {
        deleteTree(base);
        Files.createDirectories(base);
        List<Relay> relays = new ArrayList<>();
        for (int i = 0; i < AUTHORITIES; i++) {
            relays.add(authority("auth" + i));
        }
        relays.add(relay("exit0"));
        // Onion circuits need 4 distinct non-exit-weighted relays: the exit does not count as a middle.
        relays.add(relay("relay1"));
        String dirAuthorities = relays.subList(0, AUTHORITIES).stream()
                .map(a -> "DirAuthority " + a.nick() + " orport=" + a.orPort() + " no-v2 v3ident=" + a.v3ident()
                        + " 127.0.0.1:" + a.dirPort() + " " + a.fingerprint())
                .reduce("", (x, y) -> x + y + "\n");
        String hsdirs = String.join(",", relays.subList(0, AUTHORITIES).stream().map(a -> "$" + a.fingerprint()).toList());
        awaitVotingSlot();
        long t0 = System.nanoTime();
        for (Relay r : relays) {
            boolean auth = r.v3ident() != null;
            String torrc = common(r.dir(), r.nick(), dirAuthorities)
                    + "SocksPort 0\nORPort 127.0.0.1:" + r.orPort() + "\nAddress 127.0.0.1\nAssumeReachable 1\n"
                    + "ContactInfo " + r.nick() + "@mintp2p.test\n"
                    + (auth ? "AuthoritativeDirectory 1\nV3AuthoritativeDirectory 1\nDirPort 127.0.0.1:" + r.dirPort()
                            + "\nTestingDirAuthVoteHSDir " + hsdirs + "\nTestingDirAuthVoteHSDirIsStrict 1\n"
                            + "TestingDirAuthVoteExit $" + relays.get(AUTHORITIES).fingerprint() + "\nExitPolicy reject *:*\n"
                            // The relay exits to loopback only, so tor:// can reach a plain TCP node here.
                            : r.nick().startsWith("exit") ? "DirCache 0\nExitRelay 1\nExitPolicy accept 127.0.0.1:*\nExitPolicy reject *:*\n"
                            : "DirCache 0\nExitPolicy reject *:*\n");
            launchTor(r.dir(), torrc);
        }
        // Tors started before a consensus lists every relay get 404s and back off (pitfall 2).
        awaitConsensusListing(relays.get(0).dir(), relays.size());
        int socksPort = freePort();
        int controlPort = freePort();
        Path clientDir = base.resolve("client");
        Files.createDirectories(clientDir);
        String hashed = run(List.of("tor", "--quiet", "--hash-password", CONTROL_PASSWORD), "").strip();
        launchTor(clientDir, common(clientDir, "client", dirAuthorities)
                + "SocksPort 127.0.0.1:" + socksPort + " ExtendedErrors\nControlPort 127.0.0.1:" + controlPort
                // Full descriptors: a microdescriptor's policy summary leaves out the exit's loopback accept.
                + "\nUseMicrodescriptors 0\nCookieAuthentication 1\nHashedControlPassword " + hashed.substring(hashed.lastIndexOf('\n') + 1) + "\n");
        awaitLog(clientDir.resolve("notice.log"), "Bootstrapped 100%", CLIENT_TIMEOUT);
        startup = Duration.ofNanos(System.nanoTime() - t0);
        socks = new InetSocketAddress("127.0.0.1", socksPort);
        control = new InetSocketAddress("127.0.0.1", controlPort);
    }

    private static String common(Path dir, String nick, String dirAuthorities) {
        return "TestingTorNetwork 1\nDataDirectory " + dir.toAbsolutePath() + "\nNickname " + nick + "\n"
                + "Log notice file " + dir.toAbsolutePath().resolve("notice.log") + "\n"
                + "ShutdownWaitLength 0\nSafeLogging 0\nPathsNeededToBuildCircuits 0.67\n"
                + "TestingDirAuthVoteGuard *\nTestingV3AuthInitialVotingInterval " + VOTING_INTERVAL_SECONDS + "\n"
                + "TestingV3AuthInitialVoteDelay 2\nTestingV3AuthInitialDistDelay 2\n"
                + "V3AuthVotingInterval 10\nV3AuthVoteDelay 2\nV3AuthDistDelay 2\nV3AuthNIntervalsValid 6\n"
                + "ServerDNSResolvConfFile /dev/null\n"
                // Every tor exits when this JVM is gone, even if it is killed before closing the network.
                + "__OwningControllerProcess " + ProcessHandle.current().pid() + "\n" + dirAuthorities;
    }

    private Relay authority(String nick) throws IOException, InterruptedException {
        Path dir = base.resolve(nick);
        Path keys = dir.resolve("keys");
        Files.createDirectories(keys);
        int orPort = freePort();
        int dirPort = freePort();
        run(List.of("tor-gencert", "--create-identity-key", "-m", "12", "-a", "127.0.0.1:" + dirPort,
                "-i", keys.resolve("authority_identity_key").toString(), "-s", keys.resolve("authority_signing_key").toString(),
                "-c", keys.resolve("authority_certificate").toString(), "--passphrase-fd", "0"), "mintp2p-test\n");
        Matcher v3 = Pattern.compile("(?m)^fingerprint ([0-9A-F]{40})")
                .matcher(Files.readString(keys.resolve("authority_certificate")));
        if (!v3.find()) {
            throw new IllegalStateException("no fingerprint in " + nick + "'s authority certificate");
        }
        return new Relay(nick, dir, orPort, dirPort, relayFingerprint(dir, orPort), v3.group(1));
    }

    private Relay relay(String nick) throws IOException, InterruptedException {
        Path dir = base.resolve(nick);
        Files.createDirectories(dir);
        int orPort = freePort();
        return new Relay(nick, dir, orPort, 0, relayFingerprint(dir, orPort), null);
    }

    private String relayFingerprint(Path dir, int orPort) throws IOException, InterruptedException {
        Path empty = base.resolve("empty.torrc");
        Files.writeString(empty, "");
        String out = run(List.of("tor", "--list-fingerprint", "--DataDirectory", dir.toAbsolutePath().toString(),
                "--ORPort", "127.0.0.1:" + orPort, "--SocksPort", "0", "-f", empty.toString()), "");
        Matcher m = Pattern.compile("(?m)^\\S+ ((?:[0-9A-F]{4} ?){10})\\s*$").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no fingerprint from tor --list-fingerprint: " + out);
        }
        return m.group(1).replace(" ", "");
    }

    private void launchTor(Path dir, String torrc) throws IOException {
        Path file = dir.resolve("torrc");
        Files.writeString(file, torrc);
        processes.put(new ProcessBuilder("tor", "-f", file.toString(), "--RunAsDaemon", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start(), dir);
    }

    /** Relays that publish after the first vote miss the first consensus (pitfall 1): start just after a slot. */
    private static void awaitVotingSlot() throws InterruptedException {
        long ms = System.currentTimeMillis() % (VOTING_INTERVAL_SECONDS * 1000L);
        Thread.sleep(VOTING_INTERVAL_SECONDS * 1000L - ms + 100);
    }

    private void awaitConsensusListing(Path authorityDir, int relays) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CONSENSUS_TIMEOUT.toNanos();
        Path consensus = authorityDir.resolve("cached-consensus");
        while (System.nanoTime() < deadline) {
            checkAlive();
            if (Files.exists(consensus)) {
                try (Stream<String> lines = Files.lines(consensus)) {
                    if (lines.filter(l -> l.startsWith("r ")).count() >= relays) {
                        return;
                    }
                } catch (UncheckedIOException e) {
                    // being rewritten: read it again
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no consensus listing " + relays + " relays within " + CONSENSUS_TIMEOUT.toSeconds()
                + " s; see " + authorityDir.resolve("notice.log"));
    }

    private void awaitLog(Path log, String line, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("'" + line + "' not in " + log + " within " + timeout.toSeconds() + " s");
    }

    private void checkAlive() {
        processes.forEach((p, dir) -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("a tor exited with " + p.exitValue() + "; see " + dir.resolve("stdout.log"));
            }
        });
    }

    private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void close() {
        processes.keySet().forEach(Process::destroy);
        for (Process p : processes.keySet()) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
