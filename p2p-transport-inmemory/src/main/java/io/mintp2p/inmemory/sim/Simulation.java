package io.mintp2p.inmemory.sim;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.Protocol;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.inmemory.InMemoryNetwork;
import io.mintp2p.inmemory.LatencyModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A deterministic network of real {@link P2pNode}s in one JVM: one thread, virtual time, seeded
 * randomness, per-link latency, partitions, crashes and restarts. The same seed gives the same
 * {@link #trace()}, event for event, and the same {@link #traceDigest()}. Large runs may keep the
 * digest only ({@link #keepDigestOnly()}): the full trace grows with every event of every node.
 *
 * <p>Threads: not thread-safe. One thread builds, runs and inspects it, and the nodes run on that thread too, inside
 * {@link #runFor}; nothing blocks on a wall clock.
 */
public final class Simulation {
    /** The port every simulated node listens on. */
    public static final int PORT = 23031;

    private final long seed;
    private final VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
    private final InMemoryNetwork network;
    private final SplittableRandom seeds;
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    /** Nodes not crashed: the harness asks every few virtual milliseconds, so it is counted, not filtered. */
    private int liveCount;
    private final List<String> trace = new ArrayList<>();
    private boolean keepTrace = true;
    private long traceLines;
    private final TraceDigest traceDigest = new TraceDigest();
    private final List<BiConsumer<SimNode, PeerEvent>> eventListeners = new ArrayList<>();
    private final List<MessageType<?>> messageTypes = new ArrayList<>();
    private final List<Protocol> protocols = new ArrayList<>();
    private final List<Consumer<SimNode>> onBuilt = new ArrayList<>();

    /**
     * An empty simulation whose links take 5 to 150 ms one way, fixed per link by the seed.
     *
     * @param seed drives the latencies and every node's randomness
     */
    public Simulation(long seed) {
        this(seed, LatencyModel.seeded(seed, Duration.ofMillis(5), Duration.ofMillis(150)));
    }

    /**
     * An empty simulation with the given link delays.
     *
     * @param seed    drives every node's randomness
     * @param latency the one-way delay of each link
     */
    public Simulation(long seed, LatencyModel latency) {
        this.seed = seed;
        this.seeds = new SplittableRandom(seed);
        this.network = new InMemoryNetwork(scheduler, latency);
    }

    /**
     * The seed this simulation was made with, to report with a failure so it can be replayed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The virtual clock every node runs on.
     *
     * @return the one scheduler of the simulation
     */
    public VirtualTimeScheduler scheduler() {
        return scheduler;
    }

    /**
     * The switchboard, for hosts that are not nodes (e.g. an attacker speaking raw wire messages).
     *
     * @return the network the nodes are on
     */
    public InMemoryNetwork network() {
        return network;
    }

    /**
     * From now on only the {@link #traceDigest()} and the line count follow the events: the lines
     * are not kept (what was kept so far is dropped), so memory does not grow with the run.
     *
     * @return this simulation
     */
    public Simulation keepDigestOnly() {
        keepTrace = false;
        trace.clear();
        return this;
    }

    /**
     * Registers application message types for nodes added after this call.
     *
     * @param types the types, as for {@code P2pModule.withMessageTypes}
     * @return this simulation
     */
    public Simulation withMessageTypes(MessageType<?>... types) {
        messageTypes.addAll(List.of(types));
        return this;
    }

    /**
     * Registers protocols (their types, service bits and requests) for nodes added after this call.
     *
     * @param added the protocols, as for {@code P2pModule.withProtocols}
     * @return this simulation
     */
    public Simulation withProtocols(Protocol... added) {
        protocols.addAll(List.of(added));
        return this;
    }

    /**
     * Runs for every node once it is built and before it starts, also at each restart: where an
     * application attaches protocol hooks ({@code P2pNode.attach}) and serves requests. On the thread
     * that adds or restarts the node.
     *
     * @param setUp given each node before it starts
     * @return this simulation
     */
    public Simulation onNodeBuilt(Consumer<SimNode> setUp) {
        onBuilt.add(setUp);
        return this;
    }

    /**
     * Runs after every peer event of any node (e.g. to check bounds at every step, not just at the end).
     *
     * @param check given the node the event happened on, on the simulation's thread
     */
    public void onEveryEvent(Consumer<SimNode> check) {
        onPeerEvent((node, event) -> check.accept(node));
    }

    /**
     * Runs after every peer event of any node, with the event.
     *
     * @param listener given the node and its event, on the simulation's thread
     */
    public void onPeerEvent(BiConsumer<SimNode, PeerEvent> listener) {
        eventListeners.add(listener);
    }

    /**
     * A regtest config listening on {@code mem://ip:23031}, for {@link #addNode}.
     *
     * @param ip the simulated host
     * @return a builder to customise further
     */
    public static P2pConfig.Builder configFor(String ip) {
        return P2pConfig.builder().listen(address(ip));
    }

    /**
     * The listen address of the simulated host {@code ip}: {@code mem://ip:23031}.
     *
     * @param ip the simulated host
     * @return its address
     */
    public static TransportAddress address(String ip) {
        return TransportAddress.of("mem", ip, PORT);
    }

    /**
     * Builds a node on host {@code ip} and starts it (its first dials run once time advances).
     *
     * @param ip        a host not yet in the simulation
     * @param customize changes to {@link #configFor}'s config, such as boot nodes
     * @return the started node
     * @throws IllegalArgumentException if the host exists already
     */
    public SimNode addNode(String ip, UnaryOperator<P2pConfig.Builder> customize) {
        if (nodes.containsKey(ip)) {
            throw new IllegalArgumentException("host " + ip + " exists already");
        }
        SimNode sim = new SimNode(ip, customize.apply(configFor(ip)).build());
        nodes.put(ip, sim);
        boot(sim);
        return sim;
    }

    private void boot(SimNode sim) {
        sim.scheduler = new NodeScheduler(scheduler);
        sim.crashed = false;
        liveCount++;
        sim.node = P2pNode.builder(sim.config()).scheduler(sim.scheduler).handlerExecutor(sim.scheduler)
                .random(new SplittableRandom(seeds.nextLong()))
                .messageTypes(messageTypes.toArray(MessageType[]::new))
                .protocols(protocols.toArray(Protocol[]::new))
                .transport(network.transportFor(sim.ip()))
                .build();
        sim.resetTracking();
        sim.node.onPeerEvent(event -> {
            sim.track(event);
            record(sim, event);
            eventListeners.forEach(l -> l.accept(sim, event));
        });
        onBuilt.forEach(setUp -> setUp.accept(sim));
        sim.node.start();
        trace(sim.ip() + " start");
    }

    private void record(SimNode sim, PeerEvent event) {
        String what;
        if (event instanceof PeerEvent.Connected c) {
            what = "connected " + c.snapshot().direction() + " " + c.snapshot().address();
        } else if (event instanceof PeerEvent.Disconnected d) {
            what = "disconnected " + d.snapshot().address() + " (" + d.reason() + ")";
        } else if (event instanceof PeerEvent.HandshakeFailed f) {
            what = "handshake-failed " + f.address() + " (" + f.reason() + ")";
        } else if (event instanceof PeerEvent.Misbehaved m) {
            what = "misbehaved " + m.address() + " +" + m.score() + " (" + m.reason() + ")";
        } else {
            what = event.toString();
        }
        trace(sim.ip() + " " + what);
    }

    private void trace(String what) {
        String line = scheduler.millis() + " " + what;
        if (keepTrace) {
            trace.add(line);
        }
        traceLines++;
        traceDigest.add(line);
    }

    /**
     * Advances virtual time by {@code d}, running every node's work due until then on this thread.
     *
     * @param d how much virtual time passes
     */
    public void runFor(Duration d) {
        scheduler.advance(d);
    }

    /**
     * The node on host {@code ip}.
     *
     * @param ip the simulated host
     * @return the node, or null if there is none
     */
    public SimNode node(String ip) {
        return nodes.get(ip);
    }

    /**
     * Every node added, crashed ones included, in the order added.
     *
     * @return a live view
     */
    public Collection<SimNode> nodes() {
        return nodes.values();
    }

    /**
     * The nodes not crashed now.
     *
     * @return a snapshot, in the order added
     */
    public List<SimNode> liveNodes() {
        return nodes.values().stream().filter(n -> !n.crashed).toList();
    }

    /**
     * How many nodes are not crashed now, without building {@link #liveNodes()}.
     *
     * @return the count; on the thread that drives the simulation, between {@link #runFor} calls
     */
    public int liveNodeCount() {
        return liveCount;
    }

    /**
     * Every event so far, one line each; not available after {@link #keepDigestOnly()}.
     *
     * @return a copy of the lines, each the virtual millis and what happened
     * @throws IllegalStateException after {@link #keepDigestOnly()}
     */
    public List<String> trace() {
        if (!keepTrace) {
            throw new IllegalStateException("this simulation keeps the trace's digest only");
        }
        return List.copyOf(trace);
    }

    /**
     * How many lines the trace has (kept or not).
     *
     * @return the line count
     */
    public long traceLines() {
        return traceLines;
    }

    /**
     * A SHA-256 of the {@link #trace()} so far, line by line: equal for equal traces, cheap to compare.
     *
     * @return the digest in hex
     */
    public String traceDigest() {
        return traceDigest.hex();
    }

    /**
     * Splits the network in two: links between the sides are cut and no dial crosses until {@link #heal()}.
     *
     * @param a one side
     * @param b the other side
     */
    public void partition(Set<SimNode> a, Set<SimNode> b) {
        trace("partition");
        network.partition(List.of(ips(a), ips(b)));
    }

    /** Ends the partition: dials may cross again (cut links stay closed until the nodes redial). */
    public void heal() {
        trace("heal");
        network.heal();
    }

    private static Set<String> ips(Set<SimNode> nodes) {
        return nodes.stream().map(SimNode::ip).collect(Collectors.toSet());
    }

    /**
     * The node's process dies: no goodbye, no persistence, its connections reset.
     *
     * @param sim a running node
     */
    public void crash(SimNode sim) {
        trace(sim.ip() + " crash");
        sim.scheduler.kill();
        if (!sim.crashed) {
            liveCount--;
        }
        sim.crashed = true;
        network.crash(sim.ip());
    }

    /**
     * A new process for the crashed node, same host and config (and data dir, if it has one).
     *
     * @param sim a crashed node
     * @throws IllegalStateException if it is running
     */
    public void restart(SimNode sim) {
        if (!sim.crashed) {
            throw new IllegalStateException(sim.ip() + " is running");
        }
        boot(sim);
    }

    /**
     * Number of connected components of the live peer graph (an edge per established connection).
     *
     * @return 1 when every live node can reach every other through peers
     */
    public int components() {
        return PeerGraph.of(this).components();
    }

    /** Stops every live node (goodbyes and persistence) and runs time until they are done. */
    public void shutdown() {
        for (SimNode n : liveNodes()) {
            n.node().stop();
        }
        scheduler.advance(Duration.ofSeconds(30));
    }
}
