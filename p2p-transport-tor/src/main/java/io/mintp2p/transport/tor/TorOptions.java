package io.mintp2p.transport.tor;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the operator's tor listens and how long to wait for it. We do not bundle tor.
 *
 * @param socks          tor's {@code SocksPort}: every dial goes through it
 * @param control        tor's {@code ControlPort}: used only to create the onion service when listening
 * @param controlPassword for {@code HashedControlPassword}; without it cookie (or no) authentication is used
 * @param connectTimeout a dial's limit, circuit building and the onion rendezvous included
 * @param publishTimeout how long listening waits for tor to bootstrap and upload the onion descriptor
 * @param keyDir         where the onion key is kept so the address survives restarts; empty: a new onion each start
 * @param onionOnly      dial onion services only, never a clearnet host through an exit
 */
public record TorOptions(InetSocketAddress socks, InetSocketAddress control, Optional<String> controlPassword,
                         Duration connectTimeout, Duration publishTimeout, Optional<Path> keyDir, boolean onionOnly) {
    /** tor's default {@code SocksPort}. */
    public static final int DEFAULT_SOCKS_PORT = 9050;
    /** tor's default {@code ControlPort}. */
    public static final int DEFAULT_CONTROL_PORT = 9051;

    /**
     * Checks the options; any thread.
     *
     * @param socks           tor's SOCKS port
     * @param control         tor's control port
     * @param controlPassword the control port's password, if it has one
     * @param connectTimeout  a dial's limit; positive
     * @param publishTimeout  how long listening waits for the onion service; positive
     * @param keyDir          where the onion key is kept, if anywhere
     * @param onionOnly       whether clearnet dials are refused
     * @throws NullPointerException     if an address, the password or the key dir is null
     * @throws IllegalArgumentException if a timeout is not positive
     */
    public TorOptions {
        Objects.requireNonNull(socks, "socks");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(controlPassword, "controlPassword");
        Objects.requireNonNull(keyDir, "keyDir");
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("publishTimeout", publishTimeout);
    }

    /**
     * tor's defaults on this machine; Tor needs seconds where TCP needs milliseconds.
     *
     * @return tor on 127.0.0.1's default ports, 60 s to dial, 120 s to publish, no key dir, clearnet dials allowed
     */
    public static TorOptions defaults() {
        return new TorOptions(new InetSocketAddress("127.0.0.1", DEFAULT_SOCKS_PORT),
                new InetSocketAddress("127.0.0.1", DEFAULT_CONTROL_PORT), Optional.empty(),
                Duration.ofSeconds(60), Duration.ofSeconds(120), Optional.empty(), false);
    }

    /**
     * These options with the onion key kept in {@code dir}, so the onion address survives restarts.
     *
     * @param dir where the onion key is read from, or written to on first listen
     * @return a copy with {@code keyDir} set
     */
    public TorOptions withKeyDir(Path dir) {
        return new TorOptions(socks, control, controlPassword, connectTimeout, publishTimeout, Optional.of(dir), onionOnly);
    }

    private static void requirePositive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + d);
        }
    }
}
