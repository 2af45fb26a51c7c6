package io.mintp2p.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.session.PeerSession;
import io.mintp2p.core.session.PeerSessionDriver;
import io.mintp2p.core.session.SelfConnectionGuard;
import io.mintp2p.core.session.SessionContext;
import io.mintp2p.core.session.SessionSettings;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.SemVer;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the fuzz targets found, as readable tests; the raw reproducers are crash-* files in the corpus. */
class FuzzFindingsTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final SessionSettings settings = SessionSettings.from(P2pConfig.builder().build(), 0);
    private final SessionChecker checker = new SessionChecker(settings, time);

    /** crash-e1cd78b3: the reason text turned the peer's u64 time into an Instant, which threw. */
    @Test
    void helloWithATimeBeyondInstantIsRefusedNotThrown() {
        PeerSessionDriver session = new PeerSessionDriver(new SessionContext(settings, time, new SplittableRandom(1),
                new SelfConnectionGuard(), new TimerHeap(time)), Direction.INBOUND, Optional.empty(),
                new CheckingOutput(checker));
        checker.watch(session);
        checker.starting();
        session.start();
        checker.deliver(new Hello(3, Network.REGTEST.magic(), 4, "peer", new SemVer(1, 0, 0), Optional.empty(),
                Long.MAX_VALUE, 7));
        assertThat(session.state()).isEqualTo(PeerSession.State.CLOSED);
    }
}
