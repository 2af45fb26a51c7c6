package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.time.Clock;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.ServiceFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Messages reach a peer's handlers in order, on the handler pool, and give their read budget back however the handlers end. */
class HandlerDispatchTest {
    private static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(100));

    private final VirtualTimeScheduler pool = new VirtualTimeScheduler();
    private final HandlerDispatch dispatch = new HandlerDispatch(
            new EventLog(LoggerFactory.getLogger(HandlerDispatchTest.class), Clock.SYSTEM));
    private final FakeConnection connection = new FakeConnection("192.0.2.1", Direction.INBOUND);
    private final Link link = connection.link(pool);

    HandlerDispatchTest() {
        link.open(new PeerId(1));
        link.remote = new RemoteHello(3, 3, 1L << 16, "test", new SemVer(1, 0, 0), Optional.empty());
    }

    private void deliver(String text) {
        link.acquire(10);
        dispatch.deliver(link, new AppMessage<>(NOTE, text), 10, false);
    }

    @Test
    void aPeersMessagesReachTheHandlersInOrderOnThePool() {
        List<String> got = new ArrayList<>();
        dispatch.subscribe(NOTE, (from, text) -> got.add(from.id() + ":" + text));

        deliver("a");
        deliver("b");
        assertThat(got).as("nothing runs on the delivering thread").isEmpty();
        pool.runUntilIdle();

        assertThat(got).containsExactly("peer-1:a", "peer-1:b");
        assertThat(link.budgetMessages).isZero();
        assertThat(link.budgetBytes).isZero();
    }

    @Test
    void aHandlerThatThrowsLeavesTheOthersAndTheBudgetWhole() {
        List<String> got = new ArrayList<>();
        dispatch.subscribe(NOTE, (from, text) -> {
            throw new IllegalStateException("broken handler");
        });
        dispatch.subscribe(NOTE, (from, text) -> got.add(text));

        deliver("a");
        pool.runUntilIdle();

        assertThat(got).containsExactly("a");
        assertThat(link.budgetMessages).isZero();
    }

    @Test
    void aMessageNobodyHandlesGivesItsBudgetBackAtOnce() {
        deliver("a");
        assertThat(link.budgetMessages).isZero();
        assertThat(pool.pendingTasks()).isZero();
    }

    @Test
    void anUnsubscribedHandlerHearsNothingMore() {
        List<String> got = new ArrayList<>();
        Subscription s = dispatch.subscribe(NOTE, (from, text) -> got.add(text));
        deliver("a");
        pool.runUntilIdle();
        s.close();
        deliver("b");
        pool.runUntilIdle();

        assertThat(got).containsExactly("a");
    }
}
