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
 * An eclipse attempt by address flooding: attacker hosts ({@link WireHost}s) in a few /16s answer every
 * address request with their whole pool of addresses (all in their own /16s, their own among them, up
 * to the protocol's 1000 per answer) and announce them one after another, at the rate the protocol lets
 * an announcement through (one per 10 s per connection), to every peer they have. They keep dialling
 * honest nodes they know of, so honest nodes relay their announcements onwards.
 *
 * <p>Threads: as {@link WireHost}: construct and {@link #start} on the thread that drives the
 * simulation; the hosts then run on the simulation's thread. Nothing blocks.
 */
public final class AddressFloodAttack implements WireHost.Behaviour {
    /** How often an attacker announces the next pool address to each of its peers. */
    public static final Duration ANNOUNCE_PERIOD = Duration.ofSeconds(10);
    /** How often an attacker tops up its connections. */
    public static final Duration REDIAL_PERIOD = Duration.ofSeconds(30);
    /** The most addresses one answer carries (the protocol's limit). */
    public static final int MAX_ANSWER = 1000;

    private final List<String> prefixes;
    private final List<PeerAddress> pool;
    private final List<WireHost> hosts = new ArrayList<>();
    private final SplittableRandom random;
    private int nextAnnounced;
    private long addressRequestsAnswered;
    private long announcementsSent;

    /**
     * An attack over several /16s; its hosts are built here and listen only once {@link #start}ed.
     *
     * @param sim       the simulation the hosts join
     * @param prefixes  the attackers' /16s, each "a.b"; hosts and pool addresses are dealt over them round-robin
     * @param hostCount how many attacker hosts (the first addresses of the pool)
     * @param poolSize  how many addresses of those /16s they hand out in all (at least {@code hostCount})
     * @param seed      drives the hosts' nonces, dial targets and answer order
     * @throws IllegalArgumentException if {@code prefixes} is empty, {@code hostCount} negative or
     *                                  {@code poolSize} below {@code hostCount}
     */
    public AddressFloodAttack(Simulation sim, List<String> prefixes, int hostCount, int poolSize, long seed) {
        if (prefixes.isEmpty() || hostCount < 0 || poolSize < hostCount) {
            throw new IllegalArgumentException(prefixes.size() + " prefixes, " + hostCount + " hosts, pool " + poolSize);
        }
        this.prefixes = List.copyOf(prefixes);
        this.random = new SplittableRandom(seed);
        this.pool = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            pool.add(Simulation.address(host(i)).toPeerAddress().orElseThrow());
        }
        for (int i = 0; i < hostCount; i++) {
            hosts.add(new WireHost(sim, host(i), this, random.nextLong()));
        }
    }

    /**
     * An attack from one /16, as the single-prefix attack of the tests.
     *
     * @param sim       the simulation the hosts join
     * @param prefix    the attackers' /16, "a.b"
     * @param hostCount how many attacker hosts (the first addresses of the pool)
     * @param poolSize  how many addresses of that /16 they hand out in all (at least {@code hostCount})
     * @param seed      drives the hosts' nonces, dial targets and answer order
     * @throws IllegalArgumentException if {@code hostCount} is negative or {@code poolSize} below it
     */
    public AddressFloodAttack(Simulation sim, String prefix, int hostCount, int poolSize, long seed) {
        this(sim, List.of(prefix), hostCount, poolSize, seed);
    }

    private String host(int i) {
        int inGroup = i / prefixes.size();
        return prefixes.get(i % prefixes.size()) + "." + (inGroup / 250) + "." + (inGroup % 250 + 1);
    }

    /**
     * Whether {@code address} lies in one of the attackers' /16s.
     *
     * @param address any address
     * @return true for an attacker's address, whether or not a host runs there
     */
    public boolean isAttackerAddress(TransportAddress address) {
        String host = address.host();
        for (String prefix : prefixes) {
            if (host.startsWith(prefix) && host.length() > prefix.length() && host.charAt(prefix.length()) == '.') {
                return true;
            }
        }
        return false;
    }

    /**
     * The attacker hosts.
     *
     * @return an unmodifiable copy
     */
    public List<WireHost> hosts() {
        return List.copyOf(hosts);
    }

    /**
     * Starts the hosts; each keeps up to {@code connections} connections to random {@code targets}
     * and always one to each of {@code mustReach} (the victims), topping up every
     * {@link #REDIAL_PERIOD}. Dials and returns; the connections come as virtual time runs.
     *
     * @param targets     honest addresses to dial at random
     * @param connections how many established peers each host aims for
     * @param mustReach   addresses each host stays connected to, on top of the random ones
     */
    public void start(List<TransportAddress> targets, int connections, List<TransportAddress> mustReach) {
        List<TransportAddress> targetList = List.copyOf(targets);
        List<TransportAddress> victims = List.copyOf(mustReach);
        for (WireHost host : hosts) {
            host.start();
            Runnable keepConnected = () -> {
                List<TransportAddress> connected = host.establishedPeers().stream().map(WireHost.Peer::listenAddress).toList();
                for (TransportAddress victim : victims) {
                    if (!connected.contains(victim)) {
                        host.dial(victim);
                    }
                }
                for (int i = connected.size(); i < connections && !targetList.isEmpty(); i++) {
                    host.dial(targetList.get(random.nextInt(targetList.size())));
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
            peer.send(new AddrListResponse(answer.subList(0, Math.min(MAX_ANSWER, answer.size()))));
            addressRequestsAnswered++;
        }
    }

    /**
     * Address requests answered so far, by all hosts.
     *
     * @return the count
     */
    public long addressRequestsAnswered() {
        return addressRequestsAnswered;
    }

    /**
     * Announcements sent so far, by all hosts.
     *
     * @return the count
     */
    public long announcementsSent() {
        return announcementsSent;
    }
}
