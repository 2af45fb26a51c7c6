package io.mintp2p.core.peers.discovery;

import io.mintp2p.core.time.NodeThreads;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.TransportAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS seeds: host names whose A and AAAA records are nodes of the network, each on the network's
 * default port. Asked only when the node needs addresses; each seed is asked again only after a
 * back-off (longer after a failure, up to {@link #MAX_RETRY}), at most {@link #MAX_RECORDS} records
 * are taken from one answer, and lookups run on a resolver thread of their own, never the node's
 * (a slow DNS server must not stall the protocol). Results come back on the node's scheduler.
 */
public final class DnsSeeds {
    private static final Logger log = LoggerFactory.getLogger(DnsSeeds.class);
    public static final int MAX_RECORDS = 32;
    static final Duration AFTER_SUCCESS = Duration.ofMinutes(10);
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration MAX_RETRY = Duration.ofMinutes(10);

    /** Looks a name up; the JDK's resolver by default, a fake in tests. */
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
    }

    private static final class Seed {
        final String host;
        long nextQueryMillis;
        int failures;
        boolean inFlight;

        Seed(String host) {
            this.host = host;
        }
    }

    private final Map<String, Seed> seeds = new LinkedHashMap<>();
    private final String scheme;
    private final int port;
    private final Scheduler scheduler;
    private final Resolver resolver;
    private final BiConsumer<String, List<TransportAddress>> found;
    private final Executor lookups;
    private final ExecutorService ownThread;
    private long lookupsDone;

    /**
     * @param lookupExecutor where lookups run; null for a daemon thread of its own (tests on virtual
     *                       time pass a direct executor)
     * @param found          called on the scheduler with the seed's name and the addresses it gave
     */
    public DnsSeeds(List<String> hosts, String scheme, int port, Scheduler scheduler, Resolver resolver,
             Executor lookupExecutor, BiConsumer<String, List<TransportAddress>> found) {
        this(hosts, scheme, port, scheduler, resolver, lookupExecutor, found, null);
    }

    /**
     * As above, for the node named {@code node}: its own resolver thread, when it makes one, is
     * {@code mintp2p-<node>-dns-1} and its log lines carry the MDC key {@code node} (null: the thread
     * is {@code mintp2p-dns-seeds}, without context).
     */
    public DnsSeeds(List<String> hosts, String scheme, int port, Scheduler scheduler, Resolver resolver,
             Executor lookupExecutor, BiConsumer<String, List<TransportAddress>> found, String node) {
        hosts.forEach(h -> seeds.put(h, new Seed(h)));
        this.scheme = scheme;
        this.port = port;
        this.scheduler = scheduler;
        this.resolver = resolver;
        this.found = found;
        ThreadFactory threads = node != null ? NodeThreads.factory(node, "dns") : r -> {
            Thread t = new Thread(r, "mintp2p-dns-seeds");
            t.setDaemon(true);
            return t;
        };
        this.ownThread = lookupExecutor == null && !hosts.isEmpty() ? Executors.newSingleThreadExecutor(threads) : null;
        this.lookups = lookupExecutor != null ? lookupExecutor : ownThread;
    }

    public boolean isEmpty() {
        return seeds.isEmpty();
    }

    /** Lookups started since the node started, for metrics. */
    public long lookups() {
        return lookupsDone;
    }

    /** Starts a lookup of every seed whose back-off is over (node thread). */
    public void queryDue(long nowMillis) {
        for (Seed seed : seeds.values()) {
            if (!seed.inFlight && nowMillis >= seed.nextQueryMillis) {
                seed.inFlight = true;
                lookupsDone++;
                lookups.execute(() -> lookUp(seed));
            }
        }
    }

    /** On the resolver thread. */
    private void lookUp(Seed seed) {
        List<TransportAddress> addresses = new ArrayList<>();
        Exception failure = null;
        try {
            for (InetAddress a : resolver.resolve(seed.host)) {
                if (addresses.size() == MAX_RECORDS) {
                    break;
                }
                addresses.add(TransportAddress.of(scheme, a.getHostAddress(), port));
            }
        } catch (UnknownHostException | RuntimeException e) {
            failure = e;
        }
        Exception problem = failure;
        scheduler.execute(() -> answered(seed, addresses, problem));
    }

    private void answered(Seed seed, List<TransportAddress> addresses, Exception problem) {
        seed.inFlight = false;
        long now = scheduler.clock().monotonicMillis();
        if (problem != null || addresses.isEmpty()) {
            seed.failures++;
            long delay = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(seed.failures - 1, 16));
            seed.nextQueryMillis = now + delay;
            log.debug("DNS seed {} gave nothing ({}); next try in {} s", seed.host,
                    problem != null ? problem.toString() : "no records", delay / 1000);
            return;
        }
        seed.failures = 0;
        seed.nextQueryMillis = now + AFTER_SUCCESS.toMillis();
        log.debug("DNS seed {} gave {} addresses", seed.host, addresses.size());
        found.accept(seed.host, addresses);
    }

    public void stop() {
        if (ownThread != null) {
            ownThread.shutdownNow();
        }
    }
}
