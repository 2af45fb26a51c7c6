package io.mintp2p.transport.tcp;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorChooserFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Picks the event loop a new channel is registered on. A channel registered from one of the group's
 * own loops (an accepted connection: the listening channel's loop accepts it) stays on that loop
 * unless the loop carries more than {@link #SLACK} connections above the least loaded one; any other
 * registration (a dial, made from the node's thread) goes round robin, as Netty's own chooser does.
 *
 * <p>Why: with Netty's round robin every accepted connection is handed to another loop, whose thread
 * has usually been asleep; waking it costs tens of microseconds on a virtual machine whose vCPUs
 * halt when idle, on every inbound connection, before the peer's {@code Hello} is even read
 * (BENCHMARKS.md, step 8: connect.tcp). The accepting loop is awake already. The slack keeps the
 * loops balanced to within a few connections, which does not matter for the thousands a node holds.
 */
final class SameLoopFirstChooser implements EventExecutorChooserFactory {
    /** How many more connections than the least loaded loop the calling loop may carry and still be picked. */
    static final int SLACK = 2;

    /** Open connections per loop (Netty 4.2's loops do not count their channels: they answer -1). */
    private final ToIntFunction<EventExecutor> connectionsOn;

    SameLoopFirstChooser(ToIntFunction<EventExecutor> connectionsOn) {
        this.connectionsOn = connectionsOn;
    }

    @Override
    public EventExecutorChooser newChooser(EventExecutor[] executors) {
        EventExecutor[] loops = executors.clone();
        AtomicInteger next = new AtomicInteger();
        return () -> {
            EventExecutor calling = callingLoop(loops);
            if (calling != null && connectionsOn.applyAsInt(calling) <= leastConnections(loops) + SLACK) {
                return calling;
            }
            return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        };
    }

    private static EventExecutor callingLoop(EventExecutor[] loops) {
        for (EventExecutor loop : loops) {
            if (loop.inEventLoop()) {
                return loop;
            }
        }
        return null;
    }

    private int leastConnections(EventExecutor[] loops) {
        int least = Integer.MAX_VALUE;
        for (EventExecutor loop : loops) {
            least = Math.min(least, connectionsOn.applyAsInt(loop));
        }
        return least;
    }
}
