package io.mintp2p.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A node started as its own JVM with the {@code run} command, the way an operator starts it. */
final class NodeProcess implements AutoCloseable {
    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    volatile String adminUrl;
    volatile String listen;
    volatile String identity;
    volatile Path tokenFile;

    NodeProcess(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                // The node's own log configuration, as the jar runs it (not the tests' logback-test.xml).
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.add(line);
                if (line.startsWith("admin on ")) {
                    adminUrl = line.substring("admin on ".length()).trim();
                } else if (line.startsWith("listening on ") && listen == null) {
                    listen = line.substring("listening on ".length()).trim();
                } else if (line.startsWith("admin token file ")) {
                    tokenFile = Path.of(line.substring("admin token file ".length()).trim());
                } else if (line.startsWith("node identity ")) {
                    identity = line.substring("node identity ".length()).trim();
                } else if (line.equals("node started")) {
                    started.complete(null);
                }
            }
        } catch (IOException e) {
            started.completeExceptionally(e);
        }
        started.completeExceptionally(new IllegalStateException("node exited before it started:\n"
                + String.join("\n", output)));
    }

    NodeProcess awaitStarted() throws Exception {
        started.get(60, TimeUnit.SECONDS);
        return this;
    }

    /** A client with the node's token, as an operator on the node's machine has it. */
    AdminClient admin() {
        return new AdminClient(adminUrl, AdminTokenFile.read(tokenFile));
    }

    /** One Prometheus series from the node's admin API, e.g. {@code mintp2p_served_and_dropped_total}. */
    double metric(String series) throws Exception {
        for (String line : admin().getText("metrics").split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + series);
    }

    /** SIGTERM, as an operator's service manager stops it; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
