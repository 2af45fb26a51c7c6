package io.mintp2p.inmemory.sim;

import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.PeerAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An eclipse attempt by address flooding: a few attacker hosts in one /16 answer every address
 * request with the 1000 addresses of their pool (all in their own /16, their own among them) and
 * announce them one after another, at the rate the protocol lets an announcement through (one per
 * 10 s per connection), to every peer they have. They keep dialling honest nodes they know of, so
 * honest nodes relay their announcements onwards.
 */
final class AddressFloodAttack implements WireHost.Behaviour {
    static final Duration ANNOUNCE_PERIOD = Duration.ofSeconds(10);
    static final Duration REDIAL_PERIOD = Duration.ofSeconds(30);

    private final String prefix;
    private final List<PeerAddress> pool;
    private final List<WireHost> hosts = new ArrayList<>();
    private final SplittableRandom random;
    private int nextAnnounced;
    private long addressRequestsAnswered;
    private long announcementsSent;

    /**
     * @param prefix    the attackers' /16, "a.b"
     * @param hostCount how many attacker hosts (the first addresses of the pool)
     * @param poolSize  how many addresses of the /16 they hand out in all
     */
    AddressFloodAttack(Simulation sim, String prefix, int hostCount, int poolSize, long seed) {
        this.prefix = prefix;
        this.random = new SplittableRandom(seed);
        this.pool = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            pool.add(Simulation.address(host(i)).toPeerAddress().orElseThrow());
        }
        for (int i = 0; i < hostCount; i++) {
            hosts.add(new WireHost(sim, host(i), this, random.nextLong()));
        }
    }

    private String host(int i) {
        return prefix + "." + (i / 250) + "." + (i % 250 + 1);
    }

    /** Whether {@code address} lies in the attackers' /16. */
    boolean isAttackerAddress(TransportAddress address) {
        return address.host().startsWith(prefix + ".");
    }

    List<WireHost> hosts() {
        return hosts;
    }

    /**
     * Starts the hosts; each keeps up to {@code connections} connections to random {@code targets}
     * and always one to each of {@code mustReach} (the victim).
     */
    void start(List<TransportAddress> targets, int connections, List<TransportAddress> mustReach) {
        for (WireHost host : hosts) {
            host.start();
            Runnable keepConnected = () -> {
                List<TransportAddress> connected = host.establishedPeers().stream()
                        .map(p -> p.connection.remote().withPort(Simulation.PORT)).toList();
                for (TransportAddress victim : mustReach) {
                    if (!connected.contains(victim)) {
                        host.dial(victim);
                    }
                }
                for (int i = connected.size(); i < connections && !targets.isEmpty(); i++) {
                    host.dial(targets.get(random.nextInt(targets.size())));
                }
            };
            keepConnected.run();
            host.every(REDIAL_PERIOD, keepConnected);
            host.every(ANNOUNCE_PERIOD, () -> host.establishedPeers().forEach(this::announceNext));
        }
    }

    @Override
    public void established(WireHost.Peer peer) {
        announceNext(peer);
    }

    private void announceNext(WireHost.Peer peer) {
        PeerAddress next = pool.get(nextAnnounced++ % pool.size());
        peer.send(new AnnounceAddrRequest(next));
        announcementsSent++;
    }

    @Override
    public void received(WireHost.Peer peer, Message message) {
        if (message instanceof AddrListRequest) {
            List<PeerAddress> answer = new ArrayList<>(pool);
            // A fresh order each time, so bucket collisions drop different addresses each time.
            for (int i = answer.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                answer.set(j, answer.set(i, answer.get(j)));
            }
            peer.send(new AddrListResponse(answer));
            addressRequestsAnswered++;
        }
    }

    long addressRequestsAnswered() {
        return addressRequestsAnswered;
    }

    long announcementsSent() {
        return announcementsSent;
    }
}
