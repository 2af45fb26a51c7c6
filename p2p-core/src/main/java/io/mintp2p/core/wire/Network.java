package io.mintp2p.core.wire;

import java.util.Locale;
import java.util.Optional;

/** The four Mintlayer chains, their magic bytes and default P2P ports (WIRE.md 8). */
public enum Network {
    /** Mintlayer's main chain, port 3031. */
    MAINNET(0xB0075FA0, 3031),
    /** The public test chain, port 13031. */
    TESTNET(0x2B7E19F8, 13031),
    /** A local test chain, port 23031. */
    REGTEST(0xAABBCCDD, 23031),
    /** The signed test chain, port 33031. */
    SIGNET(0xF3F77B45, 33031);

    private final NetworkMagic magic;
    private final int defaultPort;

    Network(int magic, int defaultPort) {
        this.magic = new NetworkMagic(magic);
        this.defaultPort = defaultPort;
    }

    /**
     * The chain's magic bytes.
     *
     * @return the magic every Hello on this chain carries
     */
    public NetworkMagic magic() {
        return magic;
    }

    /**
     * The chain's default P2P port.
     *
     * @return the port
     */
    public int defaultPort() {
        return defaultPort;
    }

    /**
     * The chain's name as Mintlayer writes it.
     *
     * @return the lower-case name, such as {@code mainnet}
     */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The chain with a magic.
     *
     * @param magic a Hello's magic
     * @return the chain, or empty for an unknown magic
     */
    public static Optional<Network> byMagic(NetworkMagic magic) {
        for (Network n : values()) {
            if (n.magic.equals(magic)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses "mainnet", "testnet", "regtest" or "signet", case-insensitively.
     *
     * @param name the chain's name
     * @return the chain
     * @throws IllegalArgumentException for any other name
     */
    public static Network parse(String name) {
        for (Network n : values()) {
            if (n.displayName().equalsIgnoreCase(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown network '" + name + "', expected mainnet, testnet, regtest or signet");
    }
}
