package io.mintp2p.core.peers.connections;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.OutboundSlot;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.PeerAddress;
import java.util.Optional;

/**
 * The peer manager's book-keeping for one handshaken connection: what the handshake said (final
 * fields) and what the policies learn of it since. Node thread only.
 */
public final class ConnectedPeer {
    public final PeerId id;
    public final TransportAddress address;
    public final Direction direction;
    public final Optional<DialPurpose> purpose;
    public final String group;
    public final Optional<PeerIdentity> identity;
    public final long connectedAtMillis;
    public final long services;
    /** False for peers served once and then dropped: they do not count against the bounds. */
    public final boolean counted;
    private final AnnounceRateLimiter announceLimiter;
    private final KnownAddressFilter knownAddresses = new KnownAddressFilter();
    private boolean addressesRequested;
    private boolean addressesAnswered;
    private int misbehaviour;
    /** The lowest ping round trip seen, -1 before the first (inbound eviction protects fast peers). */
    private long bestPingMillis = -1;
    /** When the peer last sent an application message, 0 if never (eviction protects useful peers). */
    private long lastUsefulMillis;
    /** Outbound only: stayed long enough to count as a success. */
    private boolean stable;
    /** Inbound only: the listen address it first announced at the IP it connects from (one, so bounded). */
    private Optional<TransportAddress> announcedListenAddress = Optional.empty();

    public ConnectedPeer(HandshakeResult r, String group, long nowMillis, boolean counted) {
        this.id = r.peer();
        this.address = r.address().withoutIdentity();
        this.direction = r.direction();
        this.purpose = r.purpose();
        this.group = group;
        this.identity = r.identity();
        this.connectedAtMillis = nowMillis;
        this.services = r.remoteServices();
        this.announceLimiter = new AnnounceRateLimiter(nowMillis);
        this.counted = counted;
    }

    /** The outbound slot this peer fills (NONE for inbound, manual and feeler connections). */
    OutboundSlot slot() {
        return direction == Direction.OUTBOUND ? purpose.map(DialPurpose::slot).orElse(OutboundSlot.NONE)
                : OutboundSlot.NONE;
    }

    boolean isAutomaticOutbound() {
        return slot() != OutboundSlot.NONE;
    }

    /** Whether addresses are exchanged with this peer: never over block-relay connections. */
    public boolean exchangesAddresses() {
        return slot() != OutboundSlot.BLOCK_RELAY;
    }

    /**
     * Whether {@code announced} is at the IP this peer is connected from (never for an onion). Runs
     * for every announcement: two IPv4 addresses are compared as their bits, without an
     * {@code InetAddress} for either; anything else as {@link TransportAddress#ipLiteral()} and
     * {@link PeerAddress#ip()} compare. Node thread; does not block.
     */
    public boolean isAt(PeerAddress announced) {
        if (announced.isOnion()) {
            return false;
        }
        if (announced.isIpv4()) {
            long bits = address.ipv4Bits();
            if (bits >= 0) {
                return (int) bits == announced.ipv4Bits();
            }
        }
        return address.ipLiteral().map(ip -> ip.equals(announced.ip())).orElse(false);
    }

    public boolean isReserved() {
        return purpose.orElse(null) == DialPurpose.RESERVED;
    }

    /** Whether an address announcement from it is within its rate (WIRE.md 10); takes a token if so. */
    public boolean tryAnnounce(long nowMillis) {
        return announceLimiter.tryAcquire(nowMillis);
    }

    /**
     * Whether the peer is known to know the address with this (salted) fingerprint: it told us of it
     * or we told it, lately. A bounded memory ({@link KnownAddressFilter}): an old one may be forgotten.
     */
    public boolean knowsAddress(int fingerprint) {
        return knownAddresses.contains(fingerprint);
    }

    /** Remembers that the peer knows the address with this fingerprint (the oldest may be forgotten). */
    public void noteKnownAddress(int fingerprint) {
        knownAddresses.add(fingerprint);
    }

    /** How many address fingerprints are remembered for it: at most {@link KnownAddressFilter#CAPACITY}. */
    int knownAddressCount() {
        return knownAddresses.size();
    }

    /** We asked it for addresses and its answer is still due. */
    public boolean addressesRequested() {
        return addressesRequested;
    }

    public void setAddressesRequested(boolean requested) {
        addressesRequested = requested;
    }

    /** It asked us for addresses and was answered (once per connection). */
    public boolean addressesAnswered() {
        return addressesAnswered;
    }

    public void markAddressesAnswered() {
        addressesAnswered = true;
    }

    /** Adds to its misbehaviour score (saturating: the application's scores may be large); the total so far. */
    public int addMisbehaviour(int score) {
        misbehaviour = (int) Math.min(Integer.MAX_VALUE, (long) misbehaviour + score);
        return misbehaviour;
    }

    /** The lowest ping round trip seen, -1 before the first. */
    public long bestPingMillis() {
        return bestPingMillis;
    }

    public void recordPing(long rttMillis) {
        if (bestPingMillis < 0 || rttMillis < bestPingMillis) {
            bestPingMillis = rttMillis;
        }
    }

    /** When it last sent an application message (monotonic ms), 0 if never. */
    public long lastUsefulMillis() {
        return lastUsefulMillis;
    }

    public void markUseful(long nowMillis) {
        lastUsefulMillis = nowMillis;
    }

    /** Outbound only: it stayed long enough to count as a success. */
    public boolean isStable() {
        return stable;
    }

    public void markStable() {
        stable = true;
    }

    /**
     * Inbound only: the listen address it announced for itself (same IP as the connection, scheme of
     * the connection), empty until it did. Its discouragement key when it proved no identity.
     */
    public Optional<TransportAddress> announcedListenAddress() {
        return announcedListenAddress;
    }

    /**
     * Keeps the first listen address the peer announced for itself; later ones are ignored, so a peer
     * cannot move its key once it is known.
     */
    public void noteAnnouncedListenAddress(TransportAddress address) {
        if (announcedListenAddress.isEmpty()) {
            announcedListenAddress = Optional.of(address.withoutIdentity());
        }
    }
}
