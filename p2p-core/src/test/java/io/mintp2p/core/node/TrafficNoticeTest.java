package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Notices of directly delivered traffic: one at a time, at least MIN_INTERVAL apart, nothing lost. */
class TrafficNoticeTest {
    private static final long INTERVAL = TrafficNotice.MIN_INTERVAL.toNanos();

    @Test
    void oneNoticeAtATimeCarryingWhetherAnythingUsefulCame() {
        Link notice = BareLink.of(null, 100, 1 << 20, null, Runnable::run);
        assertThat(notice.recordTraffic(false, 0)).as("the first queues a notice at once").isZero();
        assertThat(notice.recordTraffic(true, 1)).isEqualTo(TrafficNotice.ALREADY_PENDING);
        assertThat(notice.recordTraffic(false, 2)).isEqualTo(TrafficNotice.ALREADY_PENDING);
        assertThat(notice.takeTrafficNotice(10)).as("a useful one came").isTrue();
        assertThat(notice.recordTraffic(false, 20)).as("the next waits out the interval").isEqualTo(10 + INTERVAL - 20);
        assertThat(notice.takeTrafficNotice(10 + INTERVAL)).as("nothing useful since").isFalse();
        assertThat(notice.recordTraffic(true, 20 + 3 * INTERVAL)).as("long after, at once again").isZero();
        assertThat(notice.takeTrafficNotice(20 + 3 * INTERVAL)).isTrue();
    }
}
