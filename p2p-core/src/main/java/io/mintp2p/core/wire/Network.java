package io.mintp2p.core.wire;

import java.util.Locale;
import java.util.Optional;

/** The four Mintlayer chains, their magic bytes and default P2P ports (WIRE.md 8). */
public enum Network {
    MAINNET(0xB0075FA0, 3031),
    TESTNET(0x2B7E19F8, 13031),
    REGTEST(0xAABBCCDD, 23031),
    SIGNET(0xF3F77B45, 33031);

    private final NetworkMagic magic;
    private final int defaultPort;

    Network(int magic, int defaultPort) {
        this.magic = new NetworkMagic(magic);
        this.defaultPort = defaultPort;
    }

    public NetworkMagic magic() {
        return magic;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Network> byMagic(NetworkMagic magic) {
        for (Network n : values()) {
            if (n.magic.equals(magic)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** Parses "mainnet", "testnet", "regtest" or "signet", case-insensitively. */
    public static Network parse(String name) {
        for (Network n : values()) {
            if (n.displayName().equalsIgnoreCase(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown network '" + name + "', expected mainnet, testnet, regtest or signet");
    }
}
