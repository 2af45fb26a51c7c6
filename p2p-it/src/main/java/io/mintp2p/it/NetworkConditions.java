package io.mintp2p.it;

import java.time.Duration;
import java.util.Objects;

/**
 * How bad a link is: latency with jitter, packet loss and a rate limit. An immutable value, built
 * fluently and applied at run time:
 * <pre>{@code
 * node.withNetworkConditions(NetworkConditions.latency(Duration.ofMillis(200)).jitter(Duration.ofMillis(50)).loss(2.0));
 * topology.degrade(a, b, NetworkConditions.tor());
 * node.clearNetworkConditions();
 * }</pre>
 *
 * <h2>What each setting does</h2>
 * <ul>
 *   <li><b>latency ± jitter</b>: every packet the node sends (for {@link Topology#degrade}: every
 *   packet either end sends to the other) is held for latency plus a uniform draw in
 *   [-jitter, +jitter], never less than zero. As with netem, jitter reorders packets. A node's ping
 *   RTT to its peers grows by the latency; between two degraded nodes by twice the latency (both
 *   directions are held).</li>
 *   <li><b>loss</b> (percent): each packet arriving at the node (for a link: arriving from the other
 *   end) is dropped with that probability. It is dropped on arrival rather than on sending, because
 *   a packet dropped in the sender's own OUTPUT chain is reported to the sending socket (EPERM) and
 *   TCP simply retries it: that would be delay, not loss.</li>
 *   <li><b>rate</b> (kbit/s): a token bucket ({@code tc tbf}) on the node's interfaces, for what it
 *   sends. Only for a whole node, not for one link.</li>
 * </ul>
 * Traffic of the node's other exposed ports ({@link NodeContainer#unshapedPorts()}: the stock node's admin API,
 * which the test asks) and loopback is never touched.
 *
 * <h2>Why this is not {@code tc netem}</h2>
 * The obvious tool, {@code tc qdisc add dev eth0 root netem delay 100ms 20ms loss 1%}, needs the
 * kernel's {@code sch_netem}. The build machines and CI of this project run a kernel built without
 * it and without module loading ({@code CONFIG_NET_SCH_NETEM}, {@code PRIO}, {@code FQ},
 * {@code FQ_CODEL} and the {@code gact} action are not set), so {@code tc} answers "Specified qdisc
 * kind is unknown", in containers with {@code NET_ADMIN} too. What that kernel has is used instead,
 * from a helper container that joins the node's network namespace
 * ({@code --network container:<node> --cap-add NET_ADMIN}; the node image is unchanged):
 * <ul>
 *   <li>latency and jitter: iptables sends the packets to an {@code NFQUEUE}; {@code nfq-delay}, a
 *   small C program in this module (raw netlink, statically linked), holds each one for its delay and
 *   then gives its ACCEPT verdict (verdicts out of order; a bounded queue that fails open);</li>
 *   <li>loss: {@code iptables -m statistic --mode random --probability p -j DROP};</li>
 *   <li>rate: {@code tc qdisc replace dev ethN root tbf};</li>
 *   <li>one-way cut ({@link Topology#cutOneWay}): an iptables DROP by source address.</li>
 * </ul>
 * On a kernel with netem the same API could be implemented with it (one netem qdisc per node, or an
 * htb tree with a netem leaf per peer for links); the values here map one to one onto netem's
 * {@code delay}, {@code loss} and {@code rate}. The user-space delayer costs a context switch per
 * packet, which is fine for the traffic of a p2p test but would not do for gigabit floods.
 */
public final class NetworkConditions {
    private static final NetworkConditions NONE = new NetworkConditions(Duration.ZERO, Duration.ZERO, 0, 0);

    private final Duration latency;
    private final Duration jitter;
    private final double lossPercent;
    private final long rateKbit;

    private NetworkConditions(Duration latency, Duration jitter, double lossPercent, long rateKbit) {
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("latency and jitter must not be negative");
        }
        if (lossPercent < 0 || lossPercent > 100 || Double.isNaN(lossPercent)) {
            throw new IllegalArgumentException("loss is a percentage in [0, 100]: " + lossPercent);
        }
        if (rateKbit < 0) {
            throw new IllegalArgumentException("rate must not be negative: " + rateKbit);
        }
        this.latency = latency;
        this.jitter = jitter;
        this.lossPercent = lossPercent;
        this.rateKbit = rateKbit;
    }

    /**
     * A perfect link: nothing added.
     *
     * @return the conditions
     */
    public static NetworkConditions none() {
        return NONE;
    }

    /**
     * A link that holds every packet for {@code latency}.
     *
     * @param latency the delay of each packet
     * @return the conditions
     */
    public static NetworkConditions latency(Duration latency) {
        return new NetworkConditions(Objects.requireNonNull(latency), Duration.ZERO, 0, 0);
    }

    /**
     * A link that loses {@code percent} % of the packets.
     *
     * @param percent 0 to 100
     * @return the conditions
     */
    public static NetworkConditions lossOf(double percent) {
        return NONE.loss(percent);
    }

    /**
     * Tor-like: every hop of a circuit adds its own queueing, so the latency is high and varies a lot
     * (300 ms ± 200 ms each way), and a circuit carries little (1 Mbit/s).
     *
     * @return the conditions
     */
    public static NetworkConditions tor() {
        return latency(Duration.ofMillis(300)).jitter(Duration.ofMillis(200)).rate(1_000);
    }

    /**
     * A poor mobile link: 120 ms ± 60 ms, 3 % loss, 2 Mbit/s.
     *
     * @return the conditions
     */
    public static NetworkConditions lossyMobile() {
        return latency(Duration.ofMillis(120)).jitter(Duration.ofMillis(60)).loss(3.0).rate(2_000);
    }

    /**
     * The same with {@code latency}.
     *
     * @param latency the delay of each packet
     * @return new conditions
     */
    public NetworkConditions withLatency(Duration latency) {
        return new NetworkConditions(Objects.requireNonNull(latency), jitter, lossPercent, rateKbit);
    }

    /**
     * The same with each packet's delay drawn uniformly from latency ± {@code jitter}.
     *
     * @param jitter at most the latency's spread either way
     * @return new conditions
     */
    public NetworkConditions jitter(Duration jitter) {
        return new NetworkConditions(latency, Objects.requireNonNull(jitter), lossPercent, rateKbit);
    }

    /**
     * The same, losing {@code percent} % (0 to 100) of the packets.
     *
     * @param percent 0 to 100
     * @return new conditions
     */
    public NetworkConditions loss(double percent) {
        return new NetworkConditions(latency, jitter, percent, rateKbit);
    }

    /**
     * The same, limited to {@code kilobitsPerSecond} (0: unlimited).
     *
     * @param kilobitsPerSecond the limit; 0 for none
     * @return new conditions
     */
    public NetworkConditions rate(long kilobitsPerSecond) {
        return new NetworkConditions(latency, jitter, lossPercent, kilobitsPerSecond);
    }

    /**
     * The delay of each packet, before jitter.
     *
     * @return the latency
     */
    public Duration latency() {
        return latency;
    }

    /**
     * The spread of the delay either way.
     *
     * @return the jitter
     */
    public Duration jitter() {
        return jitter;
    }

    /**
     * The share of packets lost.
     *
     * @return 0 to 100
     */
    public double lossPercent() {
        return lossPercent;
    }

    /**
     * kbit/s, 0 when unlimited.
     *
     * @return the rate
     */
    public long rateKbit() {
        return rateKbit;
    }

    boolean delays() {
        return !latency.isZero() || !jitter.isZero();
    }

    /**
     * Whether nothing is added to the link.
     *
     * @return true for {@link #none()}
     */
    public boolean isNone() {
        return equals(NONE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkConditions c && c.latency.equals(latency) && c.jitter.equals(jitter)
                && Double.compare(c.lossPercent, lossPercent) == 0 && c.rateKbit == rateKbit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(latency, jitter, lossPercent, rateKbit);
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "no added delay, loss or limit";
        }
        StringBuilder s = new StringBuilder();
        if (delays()) {
            s.append(latency.toMillis()).append(" ms");
            if (!jitter.isZero()) {
                s.append(" ± ").append(jitter.toMillis()).append(" ms");
            }
        }
        if (lossPercent > 0) {
            s.append(s.length() > 0 ? ", " : "").append(lossPercent).append(" % loss");
        }
        if (rateKbit > 0) {
            s.append(s.length() > 0 ? ", " : "").append(rateKbit).append(" kbit/s");
        }
        return s.toString();
    }
}
