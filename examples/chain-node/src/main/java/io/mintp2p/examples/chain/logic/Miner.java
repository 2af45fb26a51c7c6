package io.mintp2p.examples.chain.logic;

import java.util.SplittableRandom;

/**
 * Makes blocks on a chain's tip by trying nonces from a seeded start, so the same seed mines the same
 * blocks. Not thread-safe (one miner per caller); runs on the caller's thread and takes about
 * {@code 2^work} SHA-256 computations.
 */
public final class Miner {
    private final SplittableRandom random;

    /** A miner whose nonces start from a sequence seeded with {@code seed}. */
    public Miner(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A block on {@code chain}'s current tip, proving {@code work} leading zero bits; not added to the chain. */
    public Block mine(Chain chain, int work, byte[] payload) {
        return mineOn(chain.tip().header(), work, payload);
    }

    /** A block on {@code parent}, proving {@code work} leading zero bits. */
    public Block mineOn(Header parent, int work, byte[] payload) {
        Hash payloadHash = Hash.sha256(payload);
        for (long nonce = random.nextLong(); ; nonce++) {
            Header h = new Header(parent.hash(), parent.height() + 1, work, nonce, payloadHash);
            if (h.provesWork()) {
                return new Block(h, payload);
            }
        }
    }
}
