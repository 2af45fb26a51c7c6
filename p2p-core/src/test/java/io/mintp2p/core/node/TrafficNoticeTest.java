package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Notices of directly delivered traffic: one at a time, at least MIN_INTERVAL apart, nothing lost. */
class TrafficNoticeTest {
    private static final long INTERVAL = TrafficNotice.MIN_INTERVAL.toNanos();

    @Test
    void oneNoticeAtATimeCarryingWhetherAnythingUsefulCame() {
        TrafficNotice notice = new TrafficNotice();
        assertThat(notice.record(false, 0)).as("the first queues a notice at once").isZero();
        assertThat(notice.record(true, 1)).isEqualTo(TrafficNotice.ALREADY_PENDING);
        assertThat(notice.record(false, 2)).isEqualTo(TrafficNotice.ALREADY_PENDING);
        assertThat(notice.take(10)).as("a useful one came").isTrue();
        assertThat(notice.record(false, 20)).as("the next waits out the interval").isEqualTo(10 + INTERVAL - 20);
        assertThat(notice.take(10 + INTERVAL)).as("nothing useful since").isFalse();
        assertThat(notice.record(true, 20 + 3 * INTERVAL)).as("long after, at once again").isZero();
        assertThat(notice.take(20 + 3 * INTERVAL)).isTrue();
    }
}
