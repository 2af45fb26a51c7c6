package io.mintp2p.core.peers.pins;

import io.mintp2p.core.peers.IdentityPin;
import io.mintp2p.core.peers.persistence.StateFile;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trust on first use for authenticated transports (tls): the identity a peer proved at the first
 * successful handshake to an address is pinned for that address; later dials carry the pin, so the
 * transport refuses a different key before any message, and the peer manager checks it again after
 * the handshake. Only the operator lifts a pin ({@link #unpin}). Pins come only from our own
 * outbound dials, yet the table is bounded: past {@link #MAX} the oldest pin is dropped.
 * <p>Node thread only; nothing blocks but {@link #load}, which reads the storage at construction.
 */
public final class IdentityPins {
    public static final int MAX = 10_000;
    private static final String FORMAT_HEADER = "mintp2p-pins v1";

    /** What a handshake's identity means for the address it was dialled at. */
    public enum Check {
        /** No identity (an unauthenticated transport): nothing to pin. */
        NOT_AUTHENTICATED,
        /** First authenticated handshake with this address: now pinned. */
        PINNED_NOW,
        MATCHES,
        /** A different key than the pinned one: refuse and report. */
        MISMATCH
    }

    private final Map<TransportAddress, IdentityPin> pins = new LinkedHashMap<>();

    public Optional<PeerIdentity> pinned(TransportAddress address) {
        return Optional.ofNullable(pins.get(address.withoutIdentity())).map(IdentityPin::identity);
    }

    /** The address as it should be dialled: with its pin, unless it names an identity itself. */
    public TransportAddress withPin(TransportAddress address) {
        if (address.pinnedIdentity().isPresent()) {
            return address;
        }
        return pinned(address).map(id -> new TransportAddress(address.scheme(), address.host(), address.port(),
                Optional.of(id))).orElse(address);
    }

    /** Checks (and on first use pins) the identity a dialled peer proved. */
    public Check check(TransportAddress dialled, Optional<PeerIdentity> seen, Instant now) {
        if (seen.isEmpty()) {
            return Check.NOT_AUTHENTICATED;
        }
        TransportAddress key = dialled.withoutIdentity();
        IdentityPin pin = pins.get(key);
        if (pin == null) {
            pins.put(key, new IdentityPin(key, seen.get(), now));
            if (pins.size() > MAX) {
                pins.remove(pins.keySet().iterator().next());
            }
            return Check.PINNED_NOW;
        }
        return pin.identity().equals(seen.get()) ? Check.MATCHES : Check.MISMATCH;
    }

    /** Lifts the pin (the operator knows the peer changed its key); false if there was none. */
    public boolean unpin(TransportAddress address) {
        return pins.remove(address.withoutIdentity()) != null;
    }

    public List<IdentityPin> entries() {
        return List.copyOf(pins.values());
    }

    public int size() {
        return pins.size();
    }

    public String serialize() {
        StringBuilder sb = new StringBuilder(FORMAT_HEADER).append('\n');
        for (IdentityPin p : pins.values()) {
            sb.append(p.address()).append('\t').append(p.identity().hex()).append('\t')
                    .append(p.pinnedAt().toEpochMilli()).append('\n');
        }
        return sb.toString();
    }

    /** The saved pins; an unreadable file is set aside (kept, logged) and the node starts with none. */
    public static IdentityPins load(StateStorage storage) {
        IdentityPins loaded = new IdentityPins();
        try {
            List<IdentityPin> read = new ArrayList<>();
            for (String[] f : storage.records(StateFile.PINS, FORMAT_HEADER, 3)) {
                TransportAddress address = TransportAddress.parse(f[0]).withoutIdentity();
                read.add(new IdentityPin(address, new PeerIdentity(f[1]), Instant.ofEpochMilli(Long.parseLong(f[2]))));
            }
            read.stream().skip(Math.max(0, read.size() - MAX)).forEach(p -> loaded.pins.put(p.address(), p));
            return loaded;
        } catch (IOException | RuntimeException e) {
            storage.setAsideUnreadable(StateFile.PINS, "identity pins", e);
            return new IdentityPins();
        }
    }
}
