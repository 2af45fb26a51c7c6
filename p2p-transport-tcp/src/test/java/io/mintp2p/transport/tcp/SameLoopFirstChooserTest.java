package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorChooserFactory.EventExecutorChooser;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A channel registered from one of the group's loops (an accepted connection) stays on that loop
 * while it carries at most {@link SameLoopFirstChooser#SLACK} connections more than the least loaded
 * loop; registrations from elsewhere (dials) and from a loop beyond the slack go round robin.
 */
class SameLoopFirstChooserTest {
    private final DefaultEventExecutorGroup group = new DefaultEventExecutorGroup(4);
    private final EventExecutor[] loops =
            StreamSupport.stream(group.spliterator(), false).toArray(EventExecutor[]::new);
    private final Map<EventExecutor, Integer> connections = new IdentityHashMap<>();
    private final EventExecutorChooser chooser =
            new SameLoopFirstChooser(loop -> connections.getOrDefault(loop, 0)).newChooser(loops);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void registrationsFromOutsideTheGroupGoRoundRobin() {
        List<EventExecutor> picked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            picked.add(chooser.next());
        }
        assertThat(picked).containsExactly(loops[0], loops[1], loops[2], loops[3], loops[0], loops[1], loops[2], loops[3]);
    }

    @Test
    void aLoopKeepsWhatItAcceptsWhileWithinTheSlackOfTheLeastLoaded() throws Exception {
        connections.put(loops[2], SameLoopFirstChooser.SLACK);
        assertThat(pickedFrom(loops[2])).isSameAs(loops[2]);

        connections.put(loops[0], 1);
        connections.put(loops[1], 1);
        connections.put(loops[3], 1);
        connections.put(loops[2], 1 + SameLoopFirstChooser.SLACK);
        assertThat(pickedFrom(loops[2])).isSameAs(loops[2]);
    }

    @Test
    void aLoopBeyondTheSlackHandsOnRoundRobin() throws Exception {
        connections.put(loops[3], SameLoopFirstChooser.SLACK + 1);
        assertThat(List.of(pickedFrom(loops[3]), pickedFrom(loops[3]), pickedFrom(loops[3])))
                .containsExactly(loops[0], loops[1], loops[2]);
    }

    private EventExecutor pickedFrom(EventExecutor loop) throws Exception {
        return loop.submit(chooser::next).get(10, TimeUnit.SECONDS);
    }
}
