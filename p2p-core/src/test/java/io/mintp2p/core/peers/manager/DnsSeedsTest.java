package io.mintp2p.core.peers.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.discovery.DnsSeeds;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.wire.Network;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DNS seeds on virtual time with a fake resolver: asked only when needed, with back-off, bounded. */
class DnsSeedsTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final RecordingActions actions = new RecordingActions();
    private final List<String> asked = new ArrayList<>();
    private List<InetAddress> answer = List.of();

    private DnsSeeds.Resolver resolver() {
        return host -> {
            asked.add(host);
            if (answer.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return answer;
        };
    }

    private DefaultPeerManager manager() {
        P2pConfig config = P2pConfig.builder().network(Network.REGTEST).targetOutbound(2).blockRelayOutbound(0).dnsSeed("seed.mintp2p").build();
        DefaultPeerManager pm = new DefaultPeerManager(config, "tcp", time, new SplittableRandom(1), actions,
                StateStorage.NONE, resolver(), Runnable::run);
        pm.start();
        return pm;
    }

    private static List<InetAddress> ips(int n) throws Exception {
        List<InetAddress> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(InetAddress.getByAddress(new byte[] {10, 9, (byte) (i >> 8), (byte) i}));
        }
        return out;
    }

    @Test
    void aNodeWithNothingElseDialsWhatTheSeedGivesOnTheDefaultPort() throws Exception {
        answer = ips(3);
        manager();
        time.advance(Duration.ofSeconds(3));
        assertThat(asked).containsExactly("seed.mintp2p");
        assertThat(actions.dials).extracting(RecordingActions.Dial::address)
                .allMatch(a -> a.port() == Network.REGTEST.defaultPort() && a.host().startsWith("10.9.0."))
                .hasSize(2);
    }

    @Test
    void aFailingSeedIsAskedAgainWithBackOffNotEverySecond() {
        manager();
        time.advance(Duration.ofMinutes(10));
        // 10 s, 20 s, 40 s, 80 s, 160 s, 320 s ... after the first try: 7 lookups in ten minutes at most.
        assertThat(asked.size()).isBetween(5, 8);
    }

    @Test
    void atMostMaxRecordsAreTakenFromOneAnswer() throws Exception {
        answer = ips(500);
        DefaultPeerManager pm = manager();
        time.advance(Duration.ofSeconds(2));
        assertThat(pm.addresses().size()).isLessThanOrEqualTo(DnsSeeds.MAX_RECORDS);
    }

    @Test
    void nobodyAsksWhenThereAreNoSeeds() {
        P2pConfig config = P2pConfig.builder().targetOutbound(2).blockRelayOutbound(0).build();
        new DefaultPeerManager(config, "tcp", time, new SplittableRandom(1), actions, StateStorage.NONE, resolver(),
                Runnable::run).start();
        time.advance(Duration.ofMinutes(5));
        assertThat(asked).isEmpty();
    }
}
