package io.mintp2p.core.fuzz;

import java.util.SplittableRandom;

/** {@link Choices} from a seeded generator, for deterministic property tests. */
public final class RandomChoices implements Choices {
    private final SplittableRandom random;

    public RandomChoices(SplittableRandom random) {
        this.random = random;
    }

    @Override
    public int pick(int bound) {
        return random.nextInt(bound);
    }

    @Override
    public int anyInt() {
        return random.nextInt();
    }

    @Override
    public long anyLong() {
        return random.nextLong();
    }

    @Override
    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Override
    public boolean exhausted() {
        return false;
    }
}
