package io.mintp2p.transport.tor;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link PrivateTorNetwork} for the whole test run (kept in the root context's store, so
 * JUnit closes it after the last test). Without tor: the tests are skipped with a message on a
 * developer's machine, and fail on CI ({@code CI=true}), where {@code .ci/run} installs it.
 */
public final class TorNetworkExtension implements BeforeAllCallback {
    private static final String KEY = "mintp2p-private-tor-network";
    private static volatile PrivateTorNetwork network;

    private record Running(PrivateTorNetwork network) implements AutoCloseable {
        @Override
        public void close() {
            network.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!torInstalled()) {
            String why = "tor is not installed (apt-get install tor): the Tor transport tests need a real tor";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + "; on CI .ci/run installs it");
            }
            Assumptions.abort(why);
        }
        network = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(KEY, k -> {
            try {
                PrivateTorNetwork started = PrivateTorNetwork.start(Path.of("target", "tor-network"), 3);
                System.out.printf("private tor network up in %.1f s (socks %s, control %s)%n",
                        started.startupTime().toMillis() / 1000.0, started.socks(), started.control());
                return new Running(started);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the private tor network: " + e.getMessage(), e);
            }
        }, Running.class).network();
    }

    public static PrivateTorNetwork network() {
        return network;
    }

    /** Options for a transport on the private network; {@code keyDir} null gives a new onion per listen. */
    public static TorOptions options(Path keyDir) {
        return new TorOptions(network.socks(), network.control(), java.util.Optional.empty(), Duration.ofSeconds(30),
                Duration.ofSeconds(60), java.util.Optional.ofNullable(keyDir), false);
    }

    static boolean torInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, "tor")) && java.nio.file.Files.isExecutable(Path.of(dir, "tor-gencert"))) {
                return true;
            }
        }
        return false;
    }
}
