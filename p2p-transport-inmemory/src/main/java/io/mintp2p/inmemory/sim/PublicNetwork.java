package io.mintp2p.inmemory.sim;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Honest nodes on public addresses for a {@link Simulation}: host {@code i} is {@link PublicIps#spread}
 * over {@code groups} /16s, the first {@code bootCount} hosts are the boot nodes of every node
 * (their own included, as in a real deployment where all share one config), private addresses are
 * not exchanged. Nodes join one after another, as a network grows.
 *
 * <p>Not thread-safe: call it from the thread that drives the simulation (which runs the nodes'
 * tasks inside {@link Simulation#runFor}). Methods that run virtual time block that thread for as long
 * as the simulated work takes.
 */
public final class PublicNetwork {
    private final Simulation sim;
    private final int groups;
    private final List<TransportAddress> bootNodes = new ArrayList<>();
    private final UnaryOperator<P2pConfig.Builder> config;
    private int added;

    /**
     * A network with no node yet; nodes come with {@link #add} and {@link #grow}.
     *
     * @param sim       the simulation the nodes are added to
     * @param groups    how many /16s the hosts are dealt over (round-robin), up to {@link PublicIps#GROUPS}
     * @param bootCount how many of the first hosts every node knows as boot nodes
     * @param config    applied to each node's config after the public-address settings
     * @throws IllegalArgumentException if {@code groups} is out of range or {@code bootCount} negative
     */
    public PublicNetwork(Simulation sim, int groups, int bootCount, UnaryOperator<P2pConfig.Builder> config) {
        if (groups <= 0 || groups > PublicIps.GROUPS || bootCount < 0) {
            throw new IllegalArgumentException(groups + " groups, " + bootCount + " boot nodes");
        }
        this.sim = sim;
        this.groups = groups;
        this.config = config;
        for (int i = 0; i < bootCount; i++) {
            bootNodes.add(Simulation.address(PublicIps.spread(i, groups)));
        }
    }

    /**
     * The simulation the nodes are added to.
     *
     * @return the simulation
     */
    public Simulation sim() {
        return sim;
    }

    /**
     * How many /16s the hosts are dealt over; /16 numbers from this one on hold no honest host.
     *
     * @return the number of /16s
     */
    public int groups() {
        return groups;
    }

    /**
     * The boot nodes every node is configured with.
     *
     * @return an unmodifiable copy
     */
    public List<TransportAddress> bootNodes() {
        return List.copyOf(bootNodes);
    }

    /**
     * How many nodes were added so far (crashed ones included).
     *
     * @return the count
     */
    public int added() {
        return added;
    }

    /**
     * Adds the next host, as a started node; runs no virtual time.
     *
     * @return the new node
     */
    public SimNode add() {
        String ip = PublicIps.spread(added++, groups);
        return sim.addNode(ip, b -> config.apply(b.allowPrivateAddresses(false).bootNodes(bootNodes)));
    }

    /**
     * Adds {@code count} nodes, {@code interval} of virtual time apart: runs that time after each, so
     * the calling thread is busy until the simulated work is done.
     *
     * @param count    how many nodes to add
     * @param interval virtual time to run after each
     */
    public void grow(int count, Duration interval) {
        for (int i = 0; i < count; i++) {
            add();
            sim.runFor(interval);
        }
    }

    /**
     * The addresses of every node added so far, crashed ones included.
     *
     * @return a new list, in the order the nodes were added
     */
    public List<TransportAddress> addresses() {
        List<TransportAddress> out = new ArrayList<>();
        for (int i = 0; i < added; i++) {
            out.add(Simulation.address(PublicIps.spread(i, groups)));
        }
        return out;
    }

    /**
     * Runs in steps of one virtual second until {@code done} holds or {@code cap} of virtual time has
     * passed; the calling thread is busy until then.
     *
     * @param done checked before each step, on the calling thread
     * @param cap  the most virtual time to run
     * @return whether {@code done} holds at the end
     */
    public boolean runUntil(BooleanSupplier done, Duration cap) {
        long deadline = sim.scheduler().millis() + cap.toMillis();
        while (!done.getAsBoolean() && sim.scheduler().millis() < deadline) {
            sim.runFor(Duration.ofSeconds(1));
        }
        return done.getAsBoolean();
    }
}
