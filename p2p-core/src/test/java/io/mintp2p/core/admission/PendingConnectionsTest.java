package io.mintp2p.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PendingConnectionsTest {
    private static final AtomicLong IDS = new AtomicLong();
    private final Set<String> banned = new java.util.HashSet<>();
    private final Set<String> discouraged = new java.util.HashSet<>();

    /** Only what admission looks at: id, remote, and whether it was closed (and why). */
    private static class Pending implements Connection {
        final long id = IDS.incrementAndGet();
        final TransportAddress remote;
        CloseReason closedWith;

        Pending(String ip) {
            remote = TransportAddress.of("tcp", ip, 40000 + (int) (id % 20000));
        }

        @Override public long id() { return id; }
        @Override public TransportAddress remote() { return remote; }
        @Override public TransportAddress local() { return TransportAddress.of("tcp", "127.0.0.1", 23031); }
        @Override public Direction direction() { return Direction.INBOUND; }
        @Override public Optional<PeerIdentity> identity() { return Optional.empty(); }
        @Override public Executor executor() { return Runnable::run; }
        @Override public CompletableFuture<Void> send(ByteBuf payload) { payload.release(); return CompletableFuture.completedFuture(null); }
        @Override public boolean isWritable() { return true; }
        @Override public void close(CloseReason reason) { closedWith = reason; }
        @Override public boolean isOpen() { return closedWith == null; }
        @Override public void handshakeCompleted() { }
        @Override public void pauseReading() { }
        @Override public void resumeReading() { }
        @Override public long bytesIn() { return 0; }
        @Override public long bytesOut() { return 0; }
    }

    private PendingConnections admission(int total, int perHost) {
        return new PendingConnections(AdmissionLimits.forTotal(total, perHost),
                ip -> banned.contains(ip.getHostAddress()), ip -> discouraged.contains(ip.getHostAddress()));
    }

    @Test
    void bannedAddressesAreRefusedBeforeAnythingElse() {
        banned.add("203.0.113.9");
        PendingConnections pending = admission(10, 4);
        assertThat(pending.admit(new Pending("203.0.113.9"))).map(CloseReason::code).contains(DisconnectReason.BANNED);
        assertThat(pending.size()).isZero();
        assertThat(pending.refusals()).isEqualTo(1);
    }

    @Test
    void atMostFourPendingPerAddress() {
        PendingConnections pending = admission(100, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(pending.admit(new Pending("198.51.100.1"))).isEmpty();
        }
        assertThat(pending.admit(new Pending("198.51.100.1"))).map(CloseReason::code).contains(DisconnectReason.PENDING_LIMIT);
        assertThat(pending.admit(new Pending("198.51.100.2"))).as("another address is not affected").isEmpty();
    }

    @Test
    void aFloodFromManyAddressesOfOneNetworkNeverLocksOutANewcomer() {
        PendingConnections pending = admission(100, 4);
        List<Pending> flood = new ArrayList<>();
        // 400 sockets from 200 addresses of one /16, refilled: the situation that locked nodes before.
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= 200; i++) {
                Pending p = new Pending("127.0." + (1 + i / 250) + "." + (i % 250));
                flood.add(p);
                pending.admit(p);
            }
        }
        assertThat(pending.size()).isLessThanOrEqualTo(100);
        Pending sameNetwork = new Pending("127.0.0.1");
        Pending otherNetwork = new Pending("127.1.0.1");
        assertThat(pending.admit(sameNetwork)).as("least crowded host of the crowded group").isEmpty();
        assertThat(pending.admit(otherNetwork)).as("a group of its own").isEmpty();
        assertThat(sameNetwork.isOpen()).isTrue();
        assertThat(otherNetwork.isOpen()).isTrue();
        assertThat(flood.stream().filter(p -> !p.isOpen()))
                .allMatch(p -> p.closedWith.code() == DisconnectReason.PENDING_EVICTED);
        assertThat(pending.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void theOldestPendingConnectionOfTheMostCrowdedGroupMakesRoom() {
        PendingConnections pending = admission(4, 4);
        Pending oldest = new Pending("203.0.113.1");
        pending.admit(oldest);
        pending.admit(new Pending("203.0.113.2"));
        pending.admit(new Pending("203.0.113.3"));
        pending.admit(new Pending("198.51.100.1"));
        Pending newcomer = new Pending("192.0.2.1");
        assertThat(pending.admit(newcomer)).isEmpty();
        assertThat(oldest.closedWith).isEqualTo(CloseReason.of(DisconnectReason.PENDING_EVICTED));
        assertThat(pending.evictions()).isEqualTo(1);
    }

    @Test
    void nobodyMoreCrowdedThanTheNewcomerMeansRefusal() {
        PendingConnections pending = admission(2, 4);
        pending.admit(new Pending("203.0.113.1"));
        pending.admit(new Pending("203.0.113.2"));
        assertThat(pending.admit(new Pending("203.0.113.1"))).map(CloseReason::code).contains(DisconnectReason.PENDING_LIMIT);
    }

    @Test
    void aConnectionThatAlreadySaidHelloOutlastsSilentOnes() {
        PendingConnections pending = admission(3, 4);
        Pending talking = new Pending("203.0.113.1") {
            @Override
            public long bytesIn() {
                return 90;
            }
        };
        pending.admit(talking);
        Pending silent = new Pending("203.0.113.2");
        pending.admit(silent);
        pending.admit(new Pending("203.0.113.3"));
        assertThat(pending.admit(new Pending("198.51.100.1"))).isEmpty();
        assertThat(talking.isOpen()).as("older, but it is talking").isTrue();
        assertThat(silent.isOpen()).isFalse();
    }

    @Test
    void discouragedAddressesOnlyGetASlotWhileHalfAreFreeAndNeverPushAnyoneOut() {
        discouraged.add("192.0.2.66");
        PendingConnections pending = admission(4, 4);
        assertThat(pending.admit(new Pending("192.0.2.66"))).isEmpty();
        pending.admit(new Pending("203.0.113.1"));
        assertThat(pending.admit(new Pending("192.0.2.66"))).map(CloseReason::code).contains(DisconnectReason.DISCOURAGED);
    }

    @Test
    void releasingFreesTheSlotAndIsIdempotent() {
        PendingConnections pending = admission(1, 1);
        Pending first = new Pending("203.0.113.1");
        pending.admit(first);
        pending.release(first.id());
        pending.release(first.id());
        assertThat(pending.size()).isZero();
        assertThat(pending.admit(new Pending("203.0.113.1"))).isEmpty();
    }

    @Test
    void ipv6SourcesAreGroupedBySlash32() throws Exception {
        assertThat(Source.of(TransportAddress.of("tcp", "2001:db8:1::1", 1)).group())
                .isEqualTo(Source.of(TransportAddress.of("tcp", "2001:db8:ffff::2", 1)).group());
        assertThat(Source.of(TransportAddress.of("tcp", "2001:db9::1", 1)).group())
                .isNotEqualTo(Source.of(TransportAddress.of("tcp", "2001:db8::1", 1)).group());
        assertThat(InetAddress.getByName("2001:db8::1")).isNotNull();
    }
}
