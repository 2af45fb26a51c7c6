package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** PeerGraph's figures on graphs whose answers are known by hand. */
class PeerGraphTest {
    /** 0-1-2-3-4: a path of five nodes. */
    private static final PeerGraph PATH = PeerGraph.of(5, new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3},
            new int[] {3, 4});

    @Test
    void pathOfFiveNodes() {
        PeerGraph.PathStats stats = PATH.pathStats();
        // Ordered pairs at distance 1: 8, 2: 6, 3: 4, 4: 2 -> 40 hops over 20 pairs.
        assertThat(stats.average()).isEqualTo(2.0);
        assertThat(stats.diameter()).isEqualTo(4);
        assertThat(stats.unreachablePairs()).isZero();
        assertThat(stats.sources()).isEqualTo(5);
        assertThat(PATH.edges()).isEqualTo(4);
        assertThat(PATH.components()).isEqualTo(1);
        assertThat(PATH.degreeHistogram()).isEqualTo(Map.of(1, 2, 2, 3));
        assertThat(PATH.distancesFrom(0)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void completeGraphHasDiameterOne() {
        PeerGraph k4 = PeerGraph.of(4, new int[] {0, 1}, new int[] {0, 2}, new int[] {0, 3}, new int[] {1, 2},
                new int[] {1, 3}, new int[] {2, 3});
        assertThat(k4.pathStats().average()).isEqualTo(1.0);
        assertThat(k4.pathStats().diameter()).isEqualTo(1);
        assertThat(k4.degreeHistogram()).isEqualTo(Map.of(3, 4));
    }

    @Test
    void twoTrianglesAndAnIsolatedNodeAreThreeComponents() {
        PeerGraph g = PeerGraph.of(7, new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 0}, new int[] {3, 4},
                new int[] {4, 5}, new int[] {5, 3});
        assertThat(g.components()).isEqualTo(3);
        assertThat(g.componentSizes()).containsExactly(3, 3, 1);
        assertThat(g.largestComponentShare()).isEqualTo(3 / 7.0);
        // 6 nodes each reach 2 others at distance 1; 42 ordered pairs, 12 reachable, 30 not.
        assertThat(g.pathStats().unreachablePairs()).isEqualTo(30);
        assertThat(g.pathStats().average()).isEqualTo(1.0);
        assertThat(g.degreeHistogram()).isEqualTo(Map.of(0, 1, 2, 6));
    }

    @Test
    void repeatedEdgesAndSelfLoopsCountOnceAndNotAtAll() {
        PeerGraph g = PeerGraph.of(2, new int[] {0, 1}, new int[] {1, 0}, new int[] {0, 0});
        assertThat(g.edges()).isEqualTo(1);
        assertThat(g.degreeHistogram()).isEqualTo(Map.of(1, 2));
    }

    @Test
    void sampledSearchStartsFromTheDrawnNodesOnly() {
        PeerGraph.PathStats sampled = PATH.pathStats(2, 7);
        assertThat(sampled.sources()).isEqualTo(2);
        assertThat(sampled.diameter()).isBetween(2, 4);
        assertThat(PATH.pathStats(2, 7)).isEqualTo(sampled);
        assertThat(PATH.pathStats(10, 7)).isEqualTo(PATH.pathStats());
    }

    @Test
    void emptyGraphAndEdgesOutsideTheNodes() {
        PeerGraph empty = PeerGraph.of(0);
        assertThat(empty.components()).isZero();
        assertThat(empty.largestComponentShare()).isZero();
        assertThat(empty.pathStats().average()).isZero();
        assertThatThrownBy(() -> PeerGraph.of(2, new int[] {0, 2})).isInstanceOf(IllegalArgumentException.class);
    }
}
