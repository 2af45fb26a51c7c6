package io.mintp2p.core.wire;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The 4 magic bytes of a Hello, in wire order, held as a big-endian int (0xAABBCCDD for regtest).
 *
 * @param value the 4 bytes, the first in the highest bits
 */
public record NetworkMagic(int value) {

    /**
     * The magic of 4 bytes in wire order.
     *
     * @param wireOrder the bytes as they appear in a Hello
     * @return the magic
     * @throws IllegalArgumentException if there are not 4 bytes
     */
    public static NetworkMagic ofBytes(byte[] wireOrder) {
        if (wireOrder.length != 4) {
            throw new IllegalArgumentException("network magic is 4 bytes, got " + wireOrder.length);
        }
        return new NetworkMagic(((wireOrder[0] & 0xFF) << 24) | ((wireOrder[1] & 0xFF) << 16)
                | ((wireOrder[2] & 0xFF) << 8) | (wireOrder[3] & 0xFF));
    }

    /**
     * The 4 bytes in wire order.
     *
     * @return a new array
     */
    public byte[] bytes() {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /**
     * The Mintlayer chain with this magic.
     *
     * @return the chain, or empty for an unknown magic
     */
    public Optional<Network> network() {
        return Network.byMagic(this);
    }

    /**
     * The display name Mintlayer uses in "Wrong network" reasons: the network's name or MagicBytes(0x...).
     *
     * @return such as {@code mainnet} or {@code MagicBytes(0x01020304)}
     */
    public String displayName() {
        return network().map(Network::displayName)
                .orElse("MagicBytes(0x" + HexFormat.of().withUpperCase().formatHex(bytes()) + ")");
    }

    @Override
    public String toString() {
        return displayName();
    }
}
