package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class ReadBudgetTest {
    /** Records pause/resume calls; runs its executor's tasks at once. */
    private static final class Reading implements Connection {
        final List<String> calls = new ArrayList<>();

        @Override public long id() { return 1; }
        @Override public TransportAddress remote() { return TransportAddress.of("tcp", "192.0.2.1", 1); }
        @Override public TransportAddress local() { return remote(); }
        @Override public Direction direction() { return Direction.INBOUND; }
        @Override public Optional<PeerIdentity> identity() { return Optional.empty(); }
        @Override public Executor executor() { return Runnable::run; }
        @Override public CompletableFuture<Void> send(ByteBuf payload) { payload.release(); return CompletableFuture.completedFuture(null); }
        @Override public boolean isWritable() { return true; }
        @Override public void close(CloseReason reason) { }
        @Override public boolean isOpen() { return true; }
        @Override public void handshakeCompleted() { }
        @Override public void pauseReading() { calls.add("pause"); }
        @Override public void resumeReading() { calls.add("resume"); }
        @Override public long bytesIn() { return 0; }
        @Override public long bytesOut() { return 0; }
    }

    private final Reading connection = new Reading();
    private final LongAdder pauses = new LongAdder();
    private final Link budget = BareLink.of(connection, 100, 1 << 20, pauses, Runnable::run);

    @Test
    void aStrangerGetsASmallBudgetThenTheFullOneOnceAccepted() {
        for (int i = 0; i <= ReadBudget.PRE_HANDSHAKE_MESSAGES; i++) {
            budget.acquire(10);
        }
        assertThat(connection.calls).containsExactly("pause");
        assertThat(budget.readPaused).isTrue();
        budget.grantFullBudget();
        assertThat(connection.calls).containsExactly("pause", "resume");
        for (int i = 0; i < 90; i++) {
            budget.acquire(10);
        }
        assertThat(connection.calls).as("99 in hand, under the full budget of 100").hasSize(2);
    }

    @Test
    void readingResumesOnlyOnceHalfIsDrained() {
        budget.grantFullBudget();
        for (int i = 0; i < 101; i++) {
            budget.acquire(10);
        }
        assertThat(connection.calls).containsExactly("pause");
        assertThat(pauses.sum()).isEqualTo(1);
        for (int i = 0; i < 50; i++) {
            budget.release(10);
        }
        assertThat(connection.calls).as("51 still in hand").containsExactly("pause");
        budget.release(10);
        assertThat(connection.calls).containsExactly("pause", "resume");
        assertThat(budget.readPaused).isFalse();
    }

    @Test
    void bytesCountAsMuchAsMessages() {
        budget.grantFullBudget();
        budget.acquire(1 << 20);
        budget.acquire(1);
        assertThat(connection.calls).containsExactly("pause");
    }
}
