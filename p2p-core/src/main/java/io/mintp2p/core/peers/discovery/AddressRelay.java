package io.mintp2p.core.peers.discovery;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.OutboundSlot;
import io.mintp2p.core.peers.PeerManagerActions;
import io.mintp2p.core.peers.book.AddressBook;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.peers.connections.PeerTable;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.Services;
import io.mintp2p.core.wire.WireLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Address exchange (WIRE.md 9-10): asks full-relay outbound peers for addresses once, answers
 * inbound peers once with at most {@link #ANSWER_MAX}, accepts lists only as answers, relays
 * announcements that are news to {@link #RELAY_FANOUT} random peers (a third party's with a chance
 * that falls as the book grows, see {@link #FULL_RELAY_BOOK}), never to a peer known to know the
 * address (a bounded filter per peer), and
 * announces our own listen address. Learned addresses keep the scheme of the connection they came
 * over (a tls peer's list is dialled over tls) and go to the {@link AddressBook} under the group
 * of the peer that told us; onion services go to and come from peers that advertise
 * {@link Services#ONION_ADDRESSES} only and are dialled over tor. Our own addresses are never
 * stored. Block-relay peers take no part.
 * <p>Node thread only; nothing blocks. Sends through {@link PeerManagerActions}.
 */
public final class AddressRelay {
    private static final Logger log = LoggerFactory.getLogger(AddressRelay.class);

    static final int RELAY_FANOUT = 2;
    /**
     * Up to this many addresses in the book, every announcement that is news is passed on; beyond,
     * a third party's (not its owner's own) is passed on with chance {@code FULL_RELAY_BOOK / size}.
     * A small network floods, so every node soon knows every other; in a large one an address that
     * is news to a big book has already travelled, and passing it on to two peers each time would
     * make every arrival reach every node: there the expected further relays of a third party's
     * announcement stay below one, its reach is bounded, and newcomers learn the rest from answers.
     */
    static final int FULL_RELAY_BOOK = 128;
    /** Tells the fingerprints' secret from the book's other derived ones. */
    private static final long RELAY_SALT_PURPOSE = 0x72656C6179L;
    static final int SEEN_AS_US_MAX = 16;
    static final int UNEXPECTED_MESSAGE_SCORE = 20;
    static final int ADDRESS_LIST_LIMIT_SCORE = 100;
    /**
     * Peers that a full node serves addresses and then drops all get one cached sample for this
     * long: a flood of such newcomers costs one sample, not one per connection. Kept peers get a
     * fresh sample each (once per connection), so a young network's answers are never stale.
     */
    static final Duration SERVED_ANSWER_TTL = Duration.ofSeconds(30);
    /**
     * An answer holds at most this share of the book, as Bitcoin Core's (23 %): one request does not
     * map a node's whole book, and a big book does not cost every asker the longest list to digest.
     */
    public static final int ANSWER_PERCENT = 23;
    /** Books this small are answered whole (up to this many): a young network still finds itself fast. */
    public static final int ANSWER_FLOOR = 100;
    /**
     * An answer never holds more than this, however big the book: an asker needs a few dozen
     * addresses in different groups to fill its outbound slots, and asks each outbound peer, so a
     * bigger answer only costs both sides work that grows with the network.
     */
    public static final int ANSWER_MAX = 250;

    /** Reports a peer's misbehaviour to the ban policy. */
    public interface Misbehaviour {
        void report(ConnectedPeer peer, int score, DisconnectReason reason);
    }

    private final P2pConfig config;
    private final PeerTable table;
    private final AddressBook book;
    private final RelayCandidates relayCandidates;
    private final PeerManagerActions actions;
    private final Misbehaviour misbehaviour;
    private final RandomGenerator random;
    private final Set<TransportAddress> selfAddresses = new HashSet<>();
    /**
     * Oldest first, at most {@link #SEEN_AS_US_MAX}: a list, since it is asked for every address
     * heard of, and a few comparisons cost less than hashing a host string made for the question.
     */
    private final List<TransportAddress> seenAsUs = new ArrayList<>();
    /** Salts the per-peer fingerprints of known addresses, so that a peer cannot make two collide on purpose. */
    private final long salt;
    private List<TransportAddress> ownAddresses = List.of();
    /** What a served-and-dropped peer may receive decides its answer: its scheme, and onions or not. */
    private record AnswerKind(String scheme, boolean onions) {
    }

    private final Map<AnswerKind, List<PeerAddress>> cachedAnswers = new LinkedHashMap<>();
    private long cachedAnswersUntilMillis = Long.MIN_VALUE;

    public AddressRelay(P2pConfig config, PeerTable table, AddressBook book, RandomGenerator random,
                 PeerManagerActions actions, Misbehaviour misbehaviour) {
        this.config = config;
        this.table = table;
        this.book = book;
        this.relayCandidates = new RelayCandidates(table, random, RELAY_FANOUT);
        this.actions = actions;
        this.misbehaviour = misbehaviour;
        this.random = random;
        this.salt = book.derivedSecret(RELAY_SALT_PURPOSE);
    }

    public void onListening(List<TransportAddress> bound) {
        ownAddresses = List.copyOf(bound);
    }

    /** A dial reached ourselves: never dial or store that address again. */
    public void onSelfConnection(TransportAddress address) {
        selfAddresses.add(address.withoutIdentity());
        book.remove(address.withoutIdentity());
    }

    /**
     * Whether the address is this node: a bound listen address, one a dial found to be ourselves,
     * or one an inbound peer said it dialled to reach us. Never stored in the book.
     */
    public boolean isOwn(TransportAddress a) {
        TransportAddress plain = a.withoutIdentity();
        return ownAddresses.contains(plain) || seenAsUs.contains(plain)
                || !selfAddresses.isEmpty() && selfAddresses.contains(plain);
    }

    /** A newly accepted full-relay outbound peer: ask it for addresses, tell it where we listen. */
    public void onOutboundAccepted(ConnectedPeer peer, Optional<PeerAddress> howTheySeeUs) {
        if (!peer.exchangesAddresses()) {
            return;
        }
        peer.setAddressesRequested(true);
        actions.send(peer.id, new AddrListRequest());
        announceOurselves(peer, howTheySeeUs);
    }

    /** An inbound peer's Hello says which address of ours it dialled (bounded: a peer could lie). */
    public void onInboundHandshake(HandshakeResult r) {
        r.receiverAddress().filter(a -> a.port() != 0).ifPresent(a -> {
            TransportAddress us = TransportAddress.of(r.address().scheme(), a);
            if (!seenAsUs.contains(us)) {
                seenAsUs.add(us);
                if (seenAsUs.size() > SEEN_AS_US_MAX) {
                    seenAsUs.remove(0);
                }
            }
            book.remove(us);
        });
    }

    /** Addresses a DNS seed gave (IP addresses only): heard of, from a source group of their own. */
    public void learnedFromDnsSeed(String seed, List<TransportAddress> addresses) {
        for (TransportAddress a : addresses) {
            if (!isOwn(a) && a.toPeerAddress().map(this::isDiscoverable).orElse(false)) {
                book.add(a, "dns:" + seed);
            }
        }
    }

    public void onMessage(ConnectedPeer peer, Message message, long now) {
        if (!peer.exchangesAddresses()) {
            return; // block-relay peers: address messages are ignored, never relayed
        }
        if (message instanceof AddrListRequest) {
            answerAddressRequest(peer, now);
        } else if (message instanceof AddrListResponse response) {
            acceptAddressList(peer, response);
        } else if (message instanceof AnnounceAddrRequest announce) {
            acceptAnnouncement(peer, announce.address(), now);
        }
    }

    private void announceOurselves(ConnectedPeer peer, Optional<PeerAddress> howTheySeeUs) {
        for (TransportAddress own : ownAddresses) {
            if (!own.scheme().equals(peer.address.scheme())) {
                continue;
            }
            Optional<PeerAddress> announced = wireForm(own, peer)
                    .flatMap(a -> a.isAnyLocal()
                            ? howTheySeeUs.filter(seen -> !seen.isOnion()).map(seen -> new PeerAddress(seen.ip(), own.port()))
                            : Optional.of(a));
            if (announced.isPresent() && isDiscoverable(announced.get())) {
                peer.noteKnownAddress(fingerprint(announced.get()));
                actions.send(peer.id, new AnnounceAddrRequest(announced.get()));
                return;
            }
        }
    }

    /** The address as this peer may receive it: onion addresses only to peers that advertise the bit. */
    private static Optional<PeerAddress> wireForm(TransportAddress a, ConnectedPeer to) {
        return takesOnionAddresses(to) ? a.toPeerAddressIncludingOnion() : a.toPeerAddress();
    }

    private static boolean takesOnionAddresses(ConnectedPeer peer) {
        return Services.has(peer.services, Services.ONION_ADDRESSES);
    }

    private void answerAddressRequest(ConnectedPeer peer, long now) {
        if (peer.direction != Direction.INBOUND || peer.addressesAnswered()) {
            log.debug("ignoring address request from {} ({}, answered before: {})", peer.id, peer.direction,
                    peer.addressesAnswered());
            return;
        }
        peer.markAddressesAnswered();
        actions.send(peer.id, new AddrListResponse(peer.counted ? addressSample(peer) : servedAnswer(peer, now)));
    }

    /** The sample for served-and-dropped peers, refreshed at most every {@link #SERVED_ANSWER_TTL}. */
    private List<PeerAddress> servedAnswer(ConnectedPeer peer, long now) {
        if (now >= cachedAnswersUntilMillis) {
            cachedAnswers.clear();
            cachedAnswersUntilMillis = now + SERVED_ANSWER_TTL.toMillis();
        }
        AnswerKind kind = new AnswerKind(peer.address.scheme(), takesOnionAddresses(peer));
        return cachedAnswers.computeIfAbsent(kind, k -> addressSample(peer));
    }

    /**
     * Addresses reachable with the scheme the asking peer came over (the wire form carries none),
     * and onion services for peers that take them.
     */
    private List<PeerAddress> addressSample(ConnectedPeer peer) {
        String scheme = peer.address.scheme();
        boolean onion = takesOnionAddresses(peer);
        List<PeerAddress> sample = new ArrayList<>();
        int max = Math.min(ANSWER_MAX, Math.max(ANSWER_FLOOR, book.size() * ANSWER_PERCENT / 100));
        for (TransportAddress a : book.sample(max, a -> a.scheme().equals(scheme) || onion && a.isOnion())) {
            wireForm(a, peer).filter(this::isDiscoverable).ifPresent(sample::add);
        }
        return List.copyOf(sample);
    }

    private void acceptAddressList(ConnectedPeer peer, AddrListResponse response) {
        if (peer.direction != Direction.OUTBOUND || !peer.addressesRequested()) {
            misbehaviour.report(peer, UNEXPECTED_MESSAGE_SCORE, DisconnectReason.UNSOLICITED_ADDRESSES);
            return;
        }
        peer.setAddressesRequested(false);
        if (response.addresses().size() > WireLimits.MAX_ADDR_LIST_RESPONSE) {
            misbehaviour.report(peer, ADDRESS_LIST_LIMIT_SCORE, DisconnectReason.ADDRESS_LIST_TOO_LONG);
            return;
        }
        Hearsay kind = table.establishedCount(OutboundSlot.FULL_RELAY) < config.targetOutbound()
                ? Hearsay.ANSWER_WHILE_SHORT : Hearsay.THIRD_PARTY;
        for (PeerAddress a : response.addresses()) {
            learn(peer, a, kind);
        }
    }

    private void acceptAnnouncement(ConnectedPeer peer, PeerAddress address, long now) {
        if (!peer.tryAnnounce(now) || !isDiscoverable(address)) {
            return;
        }
        int fingerprint = fingerprint(address);
        peer.noteKnownAddress(fingerprint);
        // Only what was news to us travels on: an address everyone knows stops here instead of
        // flooding the whole network again, and one that did not fit in the book (a group already
        // holding its share) is not pushed onto others either.
        Hearsay kind = announcesItself(peer, address) ? Hearsay.OWNER : Hearsay.THIRD_PARTY;
        if (!learn(peer, address, kind) || kind == Hearsay.THIRD_PARTY && !passOnThirdParty()) {
            return;
        }
        for (ConnectedPeer target : relayCandidates.pick(peer, address)) {
            if (target != null && !target.knowsAddress(fingerprint)) {
                target.noteKnownAddress(fingerprint);
                actions.send(target.id, new AnnounceAddrRequest(address));
            }
        }
    }

    /** Whether a third party's announcement that was news goes on: see {@link #FULL_RELAY_BOOK}. */
    private boolean passOnThirdParty() {
        int size = book.size();
        return size <= FULL_RELAY_BOOK || random.nextInt(size) < FULL_RELAY_BOOK;
    }

    /** The address's salted fingerprint in the per-peer filters of known addresses. */
    private int fingerprint(PeerAddress address) {
        return (int) mix(salt + address.hashCode());
    }

    /** A 64-bit finaliser (SplitMix64's): every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Adds the address to the book under the teller's group; true if it was new there. An onion
     * service is reachable over tor only, whatever connection told us of it.
     */
    private boolean learn(ConnectedPeer from, PeerAddress a, Hearsay kind) {
        TransportAddress learned = TransportAddress.of(a.isOnion() ? TransportAddress.ONION_SCHEME : from.address.scheme(), a);
        if (!isDiscoverable(a) || isOwn(learned)) {
            return false;
        }
        return switch (kind) {
            case THIRD_PARTY -> book.add(learned, from.group);
            case ANSWER_WHILE_SHORT -> book.addWhileShortOfPeers(learned, from.group);
            case OWNER -> book.addFromItsOwner(learned, from.group);
        };
    }

    /**
     * Whose word an address comes on, which decides whether a forgotten address is taken back: not
     * on gossip; on probation from an answer we asked for while short of outbound peers; at once
     * from its owner.
     */
    private enum Hearsay {
        THIRD_PARTY, ANSWER_WHILE_SHORT, OWNER
    }

    /** The peer announces where it listens at the IP it is connected from (an onion has no such proof). */
    private static boolean announcesItself(ConnectedPeer peer, PeerAddress announced) {
        return peer.isAt(announced);
    }

    /** Whether an address may be exchanged: a real port, and private/loopback only where allowed. */
    boolean isDiscoverable(PeerAddress a) {
        if (a.isOnion()) {
            return a.port() != 0;
        }
        if (a.port() == 0 || a.isAnyLocal() || a.isMulticast()) {
            return false;
        }
        return config.allowPrivateAddresses() || !a.isPrivateOrLocal();
    }
}
