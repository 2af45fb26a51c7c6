package io.mintp2p.core.config;

import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.ProtocolVersion;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.UserAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Everything a node is configured with. Built with {@link #builder()}; {@code build()} validates
 * every field and names the field and the allowed range in its {@link IllegalArgumentException}.
 * Immutable; any thread.
 *
 * @param network                 the chain: its magic bytes and default port; default regtest
 * @param listenAddresses         where to listen; empty: outbound connections only
 * @param bootNodes               dialled at start and when the address book runs short
 * @param reservedPeers           always kept connected: redialled with back-off whenever not connected, never evicted
 * @param dnsSeeds                host names whose A/AAAA records are nodes on the network's default port, asked when addresses run short
 * @param targetOutbound          automatic full-relay outbound connections to keep (application messages and address exchange); 0-1000, default 8
 * @param blockRelayOutbound      automatic outbound connections that take no part in address exchange; 0-100, default 2
 * @param maxInbound              accepted inbound peers; 0-100000, default 128
 * @param maxPendingInbound       inbound connections without a finished handshake, all sources together; default 100
 * @param maxPendingPerHost       inbound connections without a finished handshake from one IP address; default 4
 * @param maxInFlightMessages     decoded messages of one peer not yet handled before the node stops reading from it; default 256
 * @param maxInFlightBytes        bytes of one peer's messages not yet handled before the node stops reading from it; default 4 MiB
 * @param handshakeTimeout        how long a connection may take to finish the Hello exchange; default 10 s
 * @param maxClockDiff            the largest difference between a peer's clock and ours it may have; default 10 s
 * @param pingPeriod              how long a connection may be quiet (no frame either way) before the peer is pinged; default 60 s
 * @param pingTimeout             how long a ping may go unanswered before the peer is dropped; default 150 s
 * @param disconnectTimeout       how long {@code stop()} waits for connections to close; default 10 s
 * @param outboundConnectTimeout  how long a dial may take to connect; default 10 s
 * @param userAgent               what our Hello names us: 1-24 printable ASCII characters without space; default "mintp2p"
 * @param softwareVersion         the software version our Hello announces
 * @param protocolVersion         the protocol version we announce; only tests change it
 * @param services                what our Hello advertises besides the registered message types' bits; no bit of 3-14
 * @param allowPrivateAddresses   whether loopback and private addresses are exchanged and dialled; default true on regtest only
 * @param dataDir                 where the address book, bans and pins persist; empty: nothing persists
 * @param discouragementThreshold the misbehaviour score at which a peer is discouraged; default 100
 * @param discouragementDuration  how long a discouraged peer is kept away; default 24 h
 * @param whitelistLoopback       never discourage loopback peers (test harnesses run many nodes on 127.0.0.1)
 * @param addressBookNewBuckets   the address book's "new" table, in buckets of 64 addresses; a power of two, 16-1024
 * @param addressBookTriedBuckets the address book's "tried" table, in buckets of 64 addresses; a power of two, 8-256
 * @param nodeName                the node's name in its thread names and log context
 * @param discourageBy            what a discouragement is keyed by
 */
public record P2pConfig(
        Network network,
        List<TransportAddress> listenAddresses,
        List<TransportAddress> bootNodes,
        List<TransportAddress> reservedPeers,
        List<String> dnsSeeds,
        int targetOutbound,
        int blockRelayOutbound,
        int maxInbound,
        int maxPendingInbound,
        int maxPendingPerHost,
        int maxInFlightMessages,
        long maxInFlightBytes,
        Duration handshakeTimeout,
        Duration maxClockDiff,
        Duration pingPeriod,
        Duration pingTimeout,
        Duration disconnectTimeout,
        Duration outboundConnectTimeout,
        String userAgent,
        SemVer softwareVersion,
        int protocolVersion,
        ServiceFlags services,
        boolean allowPrivateAddresses,
        Optional<Path> dataDir,
        int discouragementThreshold,
        Duration discouragementDuration,
        boolean whitelistLoopback,
        int addressBookNewBuckets,
        int addressBookTriedBuckets,
        String nodeName,
        DiscourageBy discourageBy) {

    /** The user agent a node announces unless configured otherwise. */
    public static final String DEFAULT_USER_AGENT = "mintp2p";
    /** This library's version, announced as the software version unless configured otherwise. */
    public static final SemVer SOFTWARE_VERSION = new SemVer(0, 1, 0);
    /** Bitcoin Core's addrman tables: what a node on a real network should keep. */
    public static final int DEFAULT_ADDRESS_BOOK_NEW_BUCKETS = 1024;
    /** Bitcoin Core's "tried" table: 256 buckets. */
    public static final int DEFAULT_ADDRESS_BOOK_TRIED_BUCKETS = 256;
    /** A node name: what its thread names and its log lines' {@code node} context carry. */
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    /** Numbers the nodes of this process whose config names none and listens on no fixed port. */
    private static final AtomicInteger UNNAMED = new AtomicInteger();

    /**
     * Copies the lists; {@link Builder#build()} checks the rest. Any thread.
     *
     * @param network                 the chain: its magic bytes and default port; default regtest
     * @param listenAddresses         where to listen; empty: outbound connections only
     * @param bootNodes               dialled at start and when the address book runs short
     * @param reservedPeers           always kept connected: redialled with back-off whenever not connected, never evicted
     * @param dnsSeeds                host names whose A/AAAA records are nodes on the network's default port, asked when addresses run short
     * @param targetOutbound          automatic full-relay outbound connections to keep (application messages and address exchange); 0-1000, default 8
     * @param blockRelayOutbound      automatic outbound connections that take no part in address exchange; 0-100, default 2
     * @param maxInbound              accepted inbound peers; 0-100000, default 128
     * @param maxPendingInbound       inbound connections without a finished handshake, all sources together; default 100
     * @param maxPendingPerHost       inbound connections without a finished handshake from one IP address; default 4
     * @param maxInFlightMessages     decoded messages of one peer not yet handled before the node stops reading from it; default 256
     * @param maxInFlightBytes        bytes of one peer's messages not yet handled before the node stops reading from it; default 4 MiB
     * @param handshakeTimeout        how long a connection may take to finish the Hello exchange; default 10 s
     * @param maxClockDiff            the largest difference between a peer's clock and ours it may have; default 10 s
     * @param pingPeriod              how long a connection may be quiet (no frame either way) before the peer is pinged; default 60 s
     * @param pingTimeout             how long a ping may go unanswered before the peer is dropped; default 150 s
     * @param disconnectTimeout       how long {@code stop()} waits for connections to close; default 10 s
     * @param outboundConnectTimeout  how long a dial may take to connect; default 10 s
     * @param userAgent               what our Hello names us: 1-24 printable ASCII characters without space; default "mintp2p"
     * @param softwareVersion         the software version our Hello announces
     * @param protocolVersion         the protocol version we announce; only tests change it
     * @param services                what our Hello advertises besides the registered message types' bits; no bit of 3-14
     * @param allowPrivateAddresses   whether loopback and private addresses are exchanged and dialled; default true on regtest only
     * @param dataDir                 where the address book, bans and pins persist; empty: nothing persists
     * @param discouragementThreshold the misbehaviour score at which a peer is discouraged; default 100
     * @param discouragementDuration  how long a discouraged peer is kept away; default 24 h
     * @param whitelistLoopback       never discourage loopback peers (test harnesses run many nodes on 127.0.0.1)
     * @param addressBookNewBuckets   the address book's "new" table, in buckets of 64 addresses; a power of two, 16-1024
     * @param addressBookTriedBuckets the address book's "tried" table, in buckets of 64 addresses; a power of two, 8-256
     * @param nodeName                the node's name in its thread names and log context
     * @param discourageBy            what a discouragement is keyed by
     * @throws IllegalArgumentException if {@code services} has a reserved bit
     */
    public P2pConfig {
        listenAddresses = List.copyOf(listenAddresses);
        bootNodes = List.copyOf(bootNodes);
        reservedPeers = List.copyOf(reservedPeers);
        dnsSeeds = List.copyOf(dnsSeeds);
        services.requireAdvertisable();
        Objects.requireNonNull(discourageBy, "discourageBy");
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this configuration, to change a few fields of it.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.network = network;
        b.listenAddresses = new ArrayList<>(listenAddresses);
        b.bootNodes = new ArrayList<>(bootNodes);
        b.reservedPeers = new ArrayList<>(reservedPeers);
        b.dnsSeeds = new ArrayList<>(dnsSeeds);
        b.targetOutbound = targetOutbound;
        b.blockRelayOutbound = blockRelayOutbound;
        b.maxInbound = maxInbound;
        b.maxPendingInbound = maxPendingInbound;
        b.maxPendingPerHost = maxPendingPerHost;
        b.maxInFlightMessages = maxInFlightMessages;
        b.maxInFlightBytes = maxInFlightBytes;
        b.handshakeTimeout = handshakeTimeout;
        b.maxClockDiff = maxClockDiff;
        b.pingPeriod = pingPeriod;
        b.pingTimeout = pingTimeout;
        b.disconnectTimeout = disconnectTimeout;
        b.outboundConnectTimeout = outboundConnectTimeout;
        b.userAgent = userAgent;
        b.softwareVersion = softwareVersion;
        b.protocolVersion = protocolVersion;
        b.services = services;
        b.allowPrivateAddresses = allowPrivateAddresses;
        b.dataDir = dataDir.orElse(null);
        b.discouragementThreshold = discouragementThreshold;
        b.discouragementDuration = discouragementDuration;
        b.whitelistLoopback = whitelistLoopback;
        b.addressBookNewBuckets = addressBookNewBuckets;
        b.addressBookTriedBuckets = addressBookTriedBuckets;
        b.nodeName = nodeName;
        b.discourageBy = discourageBy;
        return b;
    }

    /** Mutable, unvalidated until {@link #build()}. Defaults follow WIRE.md 11 where it has one. */
    public static final class Builder {
        private Network network = Network.REGTEST;
        private List<TransportAddress> listenAddresses = new ArrayList<>();
        private List<TransportAddress> bootNodes = new ArrayList<>();
        private List<TransportAddress> reservedPeers = new ArrayList<>();
        private List<String> dnsSeeds = new ArrayList<>();
        private int targetOutbound = 8;
        private int blockRelayOutbound = 2;
        private int maxInbound = 128;
        private int maxPendingInbound = 100;
        private int maxPendingPerHost = 4;
        private int maxInFlightMessages = 256;
        private long maxInFlightBytes = 4L * 1024 * 1024;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration maxClockDiff = Duration.ofSeconds(10);
        private Duration pingPeriod = Duration.ofSeconds(60);
        private Duration pingTimeout = Duration.ofSeconds(150);
        private Duration disconnectTimeout = Duration.ofSeconds(10);
        private Duration outboundConnectTimeout = Duration.ofSeconds(10);
        private String userAgent = DEFAULT_USER_AGENT;
        private SemVer softwareVersion = SOFTWARE_VERSION;
        private int protocolVersion = ProtocolVersion.OURS;
        private ServiceFlags services = ServiceFlags.PEER_ADDRESSES;
        private Boolean allowPrivateAddresses;
        private Path dataDir;
        private int discouragementThreshold = 100;
        private Duration discouragementDuration = Duration.ofHours(24);
        private boolean whitelistLoopback;
        private int addressBookNewBuckets = DEFAULT_ADDRESS_BOOK_NEW_BUCKETS;
        private int addressBookTriedBuckets = DEFAULT_ADDRESS_BOOK_TRIED_BUCKETS;
        private String nodeName;
        private DiscourageBy discourageBy = DiscourageBy.AUTO;

        private Builder() {
        }

        /**
         * The chain: its magic bytes and default port; default regtest.
         *
         * @param v the value
         * @return this builder
         */
        public Builder network(Network v) { this.network = v; return this; }
        /**
         * Adds a listen address.
         *
         * @param v the address
         * @return this builder
         */
        public Builder listen(TransportAddress v) { this.listenAddresses.add(v); return this; }
        /**
         * Replaces the listen addresses.
         *
         * @param v the addresses
         * @return this builder
         */
        public Builder listenAddresses(List<TransportAddress> v) { this.listenAddresses = new ArrayList<>(v); return this; }
        /**
         * Adds a boot node.
         *
         * @param v the address
         * @return this builder
         */
        public Builder bootNode(TransportAddress v) { this.bootNodes.add(v); return this; }
        /**
         * Replaces the boot nodes.
         *
         * @param v the addresses
         * @return this builder
         */
        public Builder bootNodes(List<TransportAddress> v) { this.bootNodes = new ArrayList<>(v); return this; }
        /**
         * Adds a reserved peer.
         *
         * @param v the address
         * @return this builder
         */
        public Builder reservedPeer(TransportAddress v) { this.reservedPeers.add(v); return this; }
        /**
         * Replaces the reserved peers.
         *
         * @param v the addresses
         * @return this builder
         */
        public Builder reservedPeers(List<TransportAddress> v) { this.reservedPeers = new ArrayList<>(v); return this; }
        /**
         * Host names whose A/AAAA records are nodes on the network's default port, asked when addresses run short.
         *
         * @param v a host name
         * @return this builder
         */
        public Builder dnsSeed(String v) { this.dnsSeeds.add(v); return this; }
        /**
         * Replaces the DNS seeds.
         *
         * @param v the host names
         * @return this builder
         */
        public Builder dnsSeeds(List<String> v) { this.dnsSeeds = new ArrayList<>(v); return this; }
        /**
         * Automatic full-relay outbound connections to keep (application messages and address exchange).
         *
         * @param v the value
         * @return this builder
         */
        public Builder targetOutbound(int v) { this.targetOutbound = v; return this; }
        /**
         * Automatic outbound connections that carry application messages but take no part in address
         * exchange (Bitcoin Core's block-relay-only): peers that cannot be found or poisoned through
         * address gossip. One more is kept rotating when this is above zero.
         *
         * @param v the value
         * @return this builder
         */
        public Builder blockRelayOutbound(int v) { this.blockRelayOutbound = v; return this; }
        /**
         * Accepted inbound peers; 0-100000, default 128.
         *
         * @param v the value
         * @return this builder
         */
        public Builder maxInbound(int v) { this.maxInbound = v; return this; }
        /**
         * Inbound connections without a finished handshake, all sources together.
         *
         * @param v the value
         * @return this builder
         */
        public Builder maxPendingInbound(int v) { this.maxPendingInbound = v; return this; }
        /**
         * Inbound connections without a finished handshake from one IP address.
         *
         * @param v the value
         * @return this builder
         */
        public Builder maxPendingPerHost(int v) { this.maxPendingPerHost = v; return this; }
        /**
         * Decoded messages of one peer not yet handled before the node stops reading from it.
         *
         * @param v the value
         * @return this builder
         */
        public Builder maxInFlightMessages(int v) { this.maxInFlightMessages = v; return this; }
        /**
         * Bytes of one peer's messages not yet handled before the node stops reading from it.
         *
         * @param v the value
         * @return this builder
         */
        public Builder maxInFlightBytes(long v) { this.maxInFlightBytes = v; return this; }
        /**
         * How long a connection may take to finish the Hello exchange; default 10 s.
         *
         * @param v the value
         * @return this builder
         */
        public Builder handshakeTimeout(Duration v) { this.handshakeTimeout = v; return this; }
        /**
         * The largest difference between a peer's clock and ours it may have; default 10 s.
         *
         * @param v the value
         * @return this builder
         */
        public Builder maxClockDiff(Duration v) { this.maxClockDiff = v; return this; }
        /**
         * How long a connection may be quiet (no frame either way) before the peer is pinged; default 60 s.
         *
         * @param v the value
         * @return this builder
         */
        public Builder pingPeriod(Duration v) { this.pingPeriod = v; return this; }
        /**
         * How long a ping may go unanswered before the peer is dropped; default 150 s.
         *
         * @param v the value
         * @return this builder
         */
        public Builder pingTimeout(Duration v) { this.pingTimeout = v; return this; }
        /**
         * How long {@code stop()} waits for connections to close; default 10 s.
         *
         * @param v the value
         * @return this builder
         */
        public Builder disconnectTimeout(Duration v) { this.disconnectTimeout = v; return this; }
        /**
         * How long a dial may take to connect; default 10 s.
         *
         * @param v the value
         * @return this builder
         */
        public Builder outboundConnectTimeout(Duration v) { this.outboundConnectTimeout = v; return this; }
        /**
         * What our Hello names us: 1-24 printable ASCII characters without space; default "mintp2p".
         *
         * @param v the value
         * @return this builder
         */
        public Builder userAgent(String v) { this.userAgent = v; return this; }
        /**
         * The software version our Hello announces.
         *
         * @param v the value
         * @return this builder
         */
        public Builder softwareVersion(SemVer v) { this.softwareVersion = v; return this; }
        /**
         * The version we announce; only tests should change it (to speak as an old or future peer).
         *
         * @param v the value
         * @return this builder
         */
        public Builder protocolVersion(int v) { this.protocolVersion = v; return this; }
        /**
         * What our Hello advertises besides the registered message types' bits (those are added). Bits
         * 3-14 are refused at {@link #build()} (reserved for Mintlayer's next services).
         *
         * @param v the value
         * @return this builder
         */
        public Builder services(ServiceFlags v) { this.services = Objects.requireNonNull(v); return this; }
        /**
         * Exchange and dial loopback/private addresses; defaults to true on regtest only.
         *
         * @param v the value
         * @return this builder
         */
        public Builder allowPrivateAddresses(boolean v) { this.allowPrivateAddresses = v; return this; }
        /**
         * Where the address book, bans and pins persist; empty: nothing persists.
         *
         * @param v the value
         * @return this builder
         */
        public Builder dataDir(Path v) { this.dataDir = v; return this; }
        /**
         * The misbehaviour score at which a peer is discouraged; default 100.
         *
         * @param v the value
         * @return this builder
         */
        public Builder discouragementThreshold(int v) { this.discouragementThreshold = v; return this; }
        /**
         * How long a discouraged peer is kept away; default 24 h.
         *
         * @param v the value
         * @return this builder
         */
        public Builder discouragementDuration(Duration v) { this.discouragementDuration = v; return this; }
        /**
         * Never discourage loopback peers (test harnesses run many nodes on 127.0.0.1).
         *
         * @param v the value
         * @return this builder
         */
        public Builder whitelistLoopback(boolean v) { this.whitelistLoopback = v; return this; }
        /**
         * What a misbehaving peer's discouragement is keyed by: {@link DiscourageBy#AUTO} (identity,
         * else host:port, so nodes sharing an IP are told apart) or {@link DiscourageBy#IP} (the per-IP
         * behaviour of Bitcoin Core).
         *
         * @param v the value
         * @return this builder
         */
        public Builder discourageBy(DiscourageBy v) { this.discourageBy = Objects.requireNonNull(v, "discourageBy"); return this; }
        /**
         * The address book's "new" and "tried" tables, in buckets of 64 addresses: what bounds its
         * memory. The defaults are Bitcoin Core's (1024 and 256, about 82 000 addresses) and what a
         * node on a real network should keep: the more buckets, the more an attacker must send to
         * crowd out honest addresses. Smaller tables are for simulations and tests that run thousands
         * of nodes in one process, where every node's book would otherwise grow towards the size of
         * the network. Each source group still reaches 1/16 of the new buckets and each address group
         * 1/32 of the tried ones (at least one), as with the defaults. Powers of two; new: 16-1024,
         * tried: 8-256.
         *
         * @param newBuckets   the "new" table's buckets
         * @param triedBuckets the "tried" table's buckets
         * @return this builder
         */
        public Builder addressBookBuckets(int newBuckets, int triedBuckets) {
            this.addressBookNewBuckets = newBuckets;
            this.addressBookTriedBuckets = triedBuckets;
            return this;
        }

        /**
         * The node's name in its thread names ({@code mintp2p-<name>}, {@code mintp2p-<name>-handler-1}, ...)
         * and in the SLF4J MDC key {@code node} of the log lines written on those threads: 1-32 characters
         * of {@code A-Z a-z 0-9 . _ -}. Default: {@code node-<port>} after the first listen address's port
         * when it is fixed, else {@code node-<n>} with {@code n} counting such nodes in this process
         * (1, 2, ...), chosen at {@link #build()}. Names need not be unique; they are for people reading logs.
         *
         * @param v the value
         * @return this builder
         */
        public Builder nodeName(String v) { this.nodeName = v; return this; }

        /**
         * Checks every field and makes the configuration; the builder may go on.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first field out of its range
         */
        public P2pConfig build() {
            Objects.requireNonNull(network, "network must be set");
            requireRange("targetOutbound", targetOutbound, 0, 1000);
            requireRange("blockRelayOutbound", blockRelayOutbound, 0, 100);
            requireRange("maxInbound", maxInbound, 0, 100_000);
            requireRange("maxPendingInbound", maxPendingInbound, 1, 100_000);
            requireRange("maxPendingPerHost", maxPendingPerHost, 1, maxPendingInbound);
            requireRange("maxInFlightMessages", maxInFlightMessages, 2, 1_000_000);
            requireRange("maxInFlightBytes", maxInFlightBytes, 64 * 1024, 1L << 32);
            requirePositive("handshakeTimeout", handshakeTimeout);
            requireNonNegative("maxClockDiff", maxClockDiff);
            requirePositive("pingPeriod", pingPeriod);
            requirePositive("pingTimeout", pingTimeout);
            requirePositive("disconnectTimeout", disconnectTimeout);
            requirePositive("outboundConnectTimeout", outboundConnectTimeout);
            if (!UserAgents.isValid(userAgent)) {
                throw new IllegalArgumentException("userAgent must be 1-24 printable ASCII characters without spaces, got: '"
                        + userAgent + "'");
            }
            Objects.requireNonNull(softwareVersion, "softwareVersion must be set");
            requireRange("protocolVersion", protocolVersion, 0, Integer.MAX_VALUE);
            requireRange("discouragementThreshold", discouragementThreshold, 1, Integer.MAX_VALUE);
            requirePositive("discouragementDuration", discouragementDuration);
            requirePowerOfTwo("addressBookNewBuckets", addressBookNewBuckets, 16, DEFAULT_ADDRESS_BOOK_NEW_BUCKETS);
            requirePowerOfTwo("addressBookTriedBuckets", addressBookTriedBuckets, 8, DEFAULT_ADDRESS_BOOK_TRIED_BUCKETS);
            for (String seed : dnsSeeds) {
                if (seed == null || !seed.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
                    throw new IllegalArgumentException("dnsSeeds must be host names, got: '" + seed + "'");
                }
            }
            for (TransportAddress a : listenAddresses) {
                Objects.requireNonNull(a, "listenAddresses must not contain null");
            }
            String name = nodeName != null ? nodeName : defaultNodeName(listenAddresses);
            if (!NODE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("nodeName must be 1-32 characters of A-Z a-z 0-9 . _ -, got: '"
                        + name + "'");
            }
            boolean privateOk = allowPrivateAddresses != null ? allowPrivateAddresses : network == Network.REGTEST;
            return new P2pConfig(network, listenAddresses, bootNodes, reservedPeers, dnsSeeds, targetOutbound, blockRelayOutbound,
                    maxInbound, maxPendingInbound, maxPendingPerHost, maxInFlightMessages, maxInFlightBytes, handshakeTimeout, maxClockDiff, pingPeriod, pingTimeout, disconnectTimeout,
                    outboundConnectTimeout, userAgent, softwareVersion, protocolVersion, services, privateOk,
                    Optional.ofNullable(dataDir), discouragementThreshold, discouragementDuration, whitelistLoopback,
                    addressBookNewBuckets, addressBookTriedBuckets, name, discourageBy);
        }

        private static String defaultNodeName(List<TransportAddress> listen) {
            if (!listen.isEmpty() && listen.get(0) != null && listen.get(0).port() > 0) {
                return "node-" + listen.get(0).port();
            }
            return "node-" + UNNAMED.incrementAndGet();
        }

        private static void requireRange(String field, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", got " + value);
            }
        }

        private static void requirePowerOfTwo(String field, int value, int min, int max) {
            if (value < min || value > max || Integer.bitCount(value) != 1) {
                throw new IllegalArgumentException(field + " must be a power of two between " + min + " and " + max
                        + ", got " + value);
            }
        }

        private static void requirePositive(String field, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(field + " must be a positive duration, got " + d);
            }
        }

        private static void requireNonNegative(String field, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(field + " must be zero or positive, got " + d);
            }
        }
    }
}
