package io.mintp2p.core.peers.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupCountsTest {

    @Test
    void agreesWithAMapThroughRandomIncrementsAndDecrements() {
        GroupCounts counts = new GroupCounts();
        Map<Long, Integer> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(9);
        for (int step = 0; step < 200_000; step++) {
            // Keys sharing their low bits: long probe runs, so removals must shift keys back.
            long group = (long) random.nextInt(600) << 40 | random.nextInt(4);
            assertThat(counts.get(group)).isEqualTo(model.getOrDefault(group, 0));
            if (random.nextInt(3) > 0) {
                counts.increment(group);
                model.merge(group, 1, Integer::sum);
            } else {
                counts.decrement(group);
                model.computeIfPresent(group, (g, n) -> n == 1 ? null : n - 1);
            }
            assertThat(counts.size()).isEqualTo(model.size());
        }
        model.forEach((group, n) -> assertThat(counts.get(group)).isEqualTo(n));
    }
}
