package io.mintp2p.node;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.noise.NoiseOptions;
import io.mintp2p.transport.tcp.Socks5Proxy;
import io.mintp2p.transport.tor.TorOptions;
import io.mintp2p.transport.tor.TorTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** The {@code run} flags that shape transports: a SOCKS5 proxy for TCP and Noise, fresh Noise keys, the operator's tor, onion-only. */
final class TransportFlags {
    @Option(names = "--socks5-proxy", paramLabel = "HOST:PORT", description = "Dial tcp:// and noise:// addresses through "
            + "this SOCKS5 proxy, host names unresolved (like Mintlayer's --p2p-socks5-proxy); noise:// dials then use a "
            + "fresh static key each, so the proxy's exits cannot link them by key.")
    String socks5Proxy;

    @Option(names = "--noise-fresh-keys", defaultValue = "false", description = "Dial every noise:// address with a fresh "
            + "static key, as Mintlayer nodes do, so our connections cannot be linked by key (always so with --socks5-proxy); "
            + "the key in the data dir then serves only our listener.")
    boolean noiseFreshKeys;

    @Option(names = "--socks5-username", description = "Username for --socks5-proxy (RFC 1929).")
    String socks5Username;

    @Option(names = "--socks5-password", description = "Password for --socks5-proxy.")
    String socks5Password;

    @Option(names = "--tor-socks", defaultValue = "127.0.0.1:9050", paramLabel = "HOST:PORT",
            description = "SocksPort of the tor we dial tor:// addresses through (default: ${DEFAULT-VALUE}).")
    String torSocks;

    @Option(names = "--tor-control", defaultValue = "127.0.0.1:9051", paramLabel = "HOST:PORT",
            description = "ControlPort of that tor, to publish our onion service for a tor:// --listen (default: ${DEFAULT-VALUE}); "
                    + "cookie authentication unless --tor-control-password.")
    String torControl;

    @Option(names = "--tor-control-password", description = "Password for tor's HashedControlPassword.")
    String torControlPassword;

    @Option(names = "--tor-connect-timeout", defaultValue = "60s",
            description = "Limit of one dial through tor, circuits included (default: ${DEFAULT-VALUE}).")
    String torConnectTimeout;

    @Option(names = "--onion-only", defaultValue = "false", description = "Use Tor only: no tcp/tls transport, and "
            + "tor dials only .onion addresses (never clearnet through an exit).")
    boolean onionOnly;

    /** What the node runs with: which transports, and the bindings that configure them. */
    record Setup(Predicate<String> schemes, List<Module> bindings) {
        static Setup everything() {
            return new Setup(scheme -> true, List.of());
        }
    }

    /** Checks the flags against the addresses; {@code error} makes the CLI's error for a bad value. */
    Setup setup(Function<String, RuntimeException> error, Function<String, Duration> duration,
                List<TransportAddress> listen, List<TransportAddress> peers, List<String> dnsSeeds,
                Duration noiseHandshakeTimeout) {
        if (onionOnly) {
            for (TransportAddress a : listen) {
                if (!a.scheme().equals(TorTransport.SCHEME)) {
                    throw error.apply("--onion-only: every --listen must be tor://, got " + a);
                }
            }
            for (TransportAddress a : peers) {
                if (!a.scheme().equals(TorTransport.SCHEME) || !a.isOnion()) {
                    throw error.apply("--onion-only: boot and reserved peers must be tor://<name>.onion:port, got " + a);
                }
            }
            if (!dnsSeeds.isEmpty()) {
                throw error.apply("--onion-only: DNS seeds give clearnet addresses; drop --dns-seed");
            }
        }
        if ((socks5Username == null) != (socks5Password == null) || socks5Username != null && socks5Proxy == null) {
            throw error.apply("--socks5-username and --socks5-password go together, with --socks5-proxy");
        }
        TorOptions tor = new TorOptions(endpoint(error, "--tor-socks", torSocks), endpoint(error, "--tor-control", torControl),
                Optional.ofNullable(torControlPassword), duration.apply(torConnectTimeout), TorOptions.defaults().publishTimeout(),
                Optional.empty(), onionOnly);
        Optional<Socks5Proxy> proxy = Optional.ofNullable(socks5Proxy).map(p -> new Socks5Proxy(
                endpoint(error, "--socks5-proxy", p),
                Optional.ofNullable(socks5Username).map(u -> new Socks5Proxy.Credentials(u, socks5Password)),
                Duration.ofSeconds(30)));
        Module bindings = binder -> {
            OptionalBinder.newOptionalBinder(binder, TorOptions.class).setBinding().toInstance(tor);
            proxy.ifPresent(p -> OptionalBinder.newOptionalBinder(binder, Socks5Proxy.class).setBinding().toInstance(p));
            if (noiseFreshKeys) {
                OptionalBinder.newOptionalBinder(binder, NoiseOptions.class).setBinding()
                        .toInstance(new NoiseOptions(noiseHandshakeTimeout, true));
            }
        };
        return new Setup(onionOnly ? TorTransport.SCHEME::equals : scheme -> true, List.of(bindings));
    }

    private static InetSocketAddress endpoint(Function<String, RuntimeException> error, String name, String text) {
        try {
            InetSocketAddress a = Socks5Proxy.parseEndpoint(text);
            if (a.isUnresolved()) {
                throw error.apply(name + ": unknown host in '" + text + "'");
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw error.apply(name + ": expected HOST:PORT, got '" + text + "'");
        }
    }

    /** Tor needs longer than TCP for the Hello round trip over fresh circuits. */
    static boolean usesTor(List<TransportAddress> addresses) {
        return addresses.stream().anyMatch(a -> a.scheme().equals(TorTransport.SCHEME));
    }
}
