package io.mintp2p.inmemory.sim;

/**
 * Public IPv4 hosts for simulated nodes, spread over many /16 address groups, so that the peer
 * manager's diversity rules (one outbound peer per /16, eviction by group, address-book buckets by
 * source group) run as on the Internet. Never 10.x, 100.64/10, 127.x, 169.254/16, 172.16/12 or
 * 192.168/16: first octets 11 to 99 are all public unicast space.
 *
 * <p>Pure functions: any thread, never blocks.
 */
public final class PublicIps {
    private static final int FIRST_OCTET = 11;
    private static final int OCTETS = 99 - FIRST_OCTET + 1;
    /** How many /16s there are to hand out (group numbers 0 to {@code GROUPS - 1}). */
    public static final int GROUPS = OCTETS * 256;
    /** How many hosts one /16 holds here (host numbers 0 to {@code HOSTS_PER_GROUP - 1}). */
    public static final int HOSTS_PER_GROUP = 250 * 250;

    private PublicIps() {
    }

    /**
     * Host number {@code index} of a network of {@code groups} /16s, dealt round-robin: consecutive
     * indexes land in different groups, so any prefix of the nodes is spread too.
     *
     * @param index  the host's number in the network, from 0
     * @param groups how many /16s the network spans, from 1 to {@link #GROUPS}
     * @return the host's dotted IPv4 address
     * @throws IllegalArgumentException if {@code index} is negative, {@code groups} is not positive, or
     *                                  the host falls outside the range of {@link #host}
     */
    public static String spread(int index, int groups) {
        if (index < 0 || groups <= 0) {
            throw new IllegalArgumentException("index " + index + " of " + groups + " groups");
        }
        return host(index % groups, index / groups);
    }

    /**
     * Host number {@code host} of /16 number {@code group}.
     *
     * @param group the /16, 0-based, below {@link #GROUPS}
     * @param host  the host in it, 0-based, below {@link #HOSTS_PER_GROUP}
     * @return the host's dotted IPv4 address
     * @throws IllegalArgumentException if either number is out of range
     */
    public static String host(int group, int host) {
        if (host < 0 || host >= HOSTS_PER_GROUP) {
            throw new IllegalArgumentException("host " + host + " out of range");
        }
        return prefix(group) + "." + (host / 250) + "." + (host % 250 + 1);
    }

    /**
     * The first two octets of /16 number {@code group}.
     *
     * @param group the /16, 0-based, below {@link #GROUPS}
     * @return its {@code "a.b"}
     * @throws IllegalArgumentException if {@code group} is out of range
     */
    public static String prefix(int group) {
        if (group < 0 || group >= GROUPS) {
            throw new IllegalArgumentException("group " + group + " out of range");
        }
        return (FIRST_OCTET + group % OCTETS) + "." + (group / OCTETS);
    }
}
