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

    public static final String DEFAULT_USER_AGENT = "mintp2p";
    public static final SemVer SOFTWARE_VERSION = new SemVer(0, 1, 0);
    /** Bitcoin Core's addrman tables: what a node on a real network should keep. */
    public static final int DEFAULT_ADDRESS_BOOK_NEW_BUCKETS = 1024;
    public static final int DEFAULT_ADDRESS_BOOK_TRIED_BUCKETS = 256;
    /** A node name: what its thread names and its log lines' {@code node} context carry. */
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    /** Numbers the nodes of this process whose config names none and listens on no fixed port. */
    private static final AtomicInteger UNNAMED = new AtomicInteger();

    public P2pConfig {
        listenAddresses = List.copyOf(listenAddresses);
        bootNodes = List.copyOf(bootNodes);
        reservedPeers = List.copyOf(reservedPeers);
        dnsSeeds = List.copyOf(dnsSeeds);
        services.requireAdvertisable();
        Objects.requireNonNull(discourageBy, "discourageBy");
    }

    public static Builder builder() {
        return new Builder();
    }

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

        public Builder network(Network v) { this.network = v; return this; }
        public Builder listen(TransportAddress v) { this.listenAddresses.add(v); return this; }
        public Builder listenAddresses(List<TransportAddress> v) { this.listenAddresses = new ArrayList<>(v); return this; }
        public Builder bootNode(TransportAddress v) { this.bootNodes.add(v); return this; }
        public Builder bootNodes(List<TransportAddress> v) { this.bootNodes = new ArrayList<>(v); return this; }
        public Builder reservedPeer(TransportAddress v) { this.reservedPeers.add(v); return this; }
        public Builder reservedPeers(List<TransportAddress> v) { this.reservedPeers = new ArrayList<>(v); return this; }
        /** Host names whose A/AAAA records are nodes on the network's default port, asked when addresses run short. */
        public Builder dnsSeed(String v) { this.dnsSeeds.add(v); return this; }
        public Builder dnsSeeds(List<String> v) { this.dnsSeeds = new ArrayList<>(v); return this; }
        /** Automatic full-relay outbound connections to keep (application messages and address exchange). */
        public Builder targetOutbound(int v) { this.targetOutbound = v; return this; }
        /**
         * Automatic outbound connections that carry application messages but take no part in address
         * exchange (Bitcoin Core's block-relay-only): peers that cannot be found or poisoned through
         * address gossip. One more is kept rotating when this is above zero.
         */
        public Builder blockRelayOutbound(int v) { this.blockRelayOutbound = v; return this; }
        public Builder maxInbound(int v) { this.maxInbound = v; return this; }
        /** Inbound connections without a finished handshake, all sources together. */
        public Builder maxPendingInbound(int v) { this.maxPendingInbound = v; return this; }
        /** Inbound connections without a finished handshake from one IP address. */
        public Builder maxPendingPerHost(int v) { this.maxPendingPerHost = v; return this; }
        /** Decoded messages of one peer not yet handled before the node stops reading from it. */
        public Builder maxInFlightMessages(int v) { this.maxInFlightMessages = v; return this; }
        /** Bytes of one peer's messages not yet handled before the node stops reading from it. */
        public Builder maxInFlightBytes(long v) { this.maxInFlightBytes = v; return this; }
        public Builder handshakeTimeout(Duration v) { this.handshakeTimeout = v; return this; }
        public Builder maxClockDiff(Duration v) { this.maxClockDiff = v; return this; }
        public Builder pingPeriod(Duration v) { this.pingPeriod = v; return this; }
        public Builder pingTimeout(Duration v) { this.pingTimeout = v; return this; }
        public Builder disconnectTimeout(Duration v) { this.disconnectTimeout = v; return this; }
        public Builder outboundConnectTimeout(Duration v) { this.outboundConnectTimeout = v; return this; }
        public Builder userAgent(String v) { this.userAgent = v; return this; }
        public Builder softwareVersion(SemVer v) { this.softwareVersion = v; return this; }
        /** The version we announce; only tests should change it (to speak as an old or future peer). */
        public Builder protocolVersion(int v) { this.protocolVersion = v; return this; }
        /** Service bits we offer; application protocols' bits are added by the node from its registry. */
        /**
         * What our Hello advertises besides the registered message types' bits (those are added). Bits
         * 3-14 are refused at {@link #build()} (reserved for Mintlayer's next services).
         */
        public Builder services(ServiceFlags v) { this.services = Objects.requireNonNull(v); return this; }
        /** Exchange and dial loopback/private addresses; defaults to true on regtest only. */
        public Builder allowPrivateAddresses(boolean v) { this.allowPrivateAddresses = v; return this; }
        public Builder dataDir(Path v) { this.dataDir = v; return this; }
        public Builder discouragementThreshold(int v) { this.discouragementThreshold = v; return this; }
        public Builder discouragementDuration(Duration v) { this.discouragementDuration = v; return this; }
        /** Never discourage loopback peers (test harnesses run many nodes on 127.0.0.1). */
        public Builder whitelistLoopback(boolean v) { this.whitelistLoopback = v; return this; }
        /**
         * What a misbehaving peer's discouragement is keyed by: {@link DiscourageBy#AUTO} (identity,
         * else host:port, so nodes sharing an IP are told apart) or {@link DiscourageBy#IP} (the per-IP
         * behaviour of Bitcoin Core).
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
         */
        public Builder nodeName(String v) { this.nodeName = v; return this; }

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
