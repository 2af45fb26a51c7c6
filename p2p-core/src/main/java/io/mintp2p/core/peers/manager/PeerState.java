package io.mintp2p.core.peers.manager;

import io.mintp2p.core.peers.bans.BanList;
import io.mintp2p.core.peers.book.AddressBook;
import io.mintp2p.core.peers.discovery.Anchors;
import io.mintp2p.core.peers.persistence.StateFile;
import io.mintp2p.core.peers.persistence.StatePersistence;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.peers.pins.IdentityPins;
import io.mintp2p.core.time.Clock;
import io.mintp2p.core.transport.TransportAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The peer manager's state that outlives a run: the address book, bans, identity pins and
 * anchors, loaded from the storage once and saved through the node's own {@link StatePersistence}.
 * Node thread only: saving takes a snapshot here and writes it on the persistence thread.
 */
final class PeerState {
    final AddressBook book;
    final BanList bans;
    final IdentityPins pins;
    /** The anchors the last run saved: what this one dials first. */
    final List<TransportAddress> savedAnchors;
    private final StatePersistence persistence;
    private final boolean durable;
    private boolean started;
    private final Supplier<List<TransportAddress>> anchors;

    /**
     * Loads what the storage holds (blocking reads, before the node runs); unreadable parts are set
     * aside and start empty.
     *
     * @param anchors the current anchors, asked at every save
     * @param node    the node's name, for the writer thread's name and log context
     */
    PeerState(StateStorage storage, AddressBook.Tables tables, RandomGenerator random,
              Function<TransportAddress, String> groupOf, Clock clock, Supplier<List<TransportAddress>> anchors,
              String node) {
        this.persistence = new StatePersistence(storage, node);
        this.durable = storage.isDurable();
        this.book = AddressBook.load(storage, tables, random, groupOf, clock::monotonicMillis);
        this.bans = BanList.load(storage, clock);
        this.pins = IdentityPins.load(storage);
        this.savedAnchors = Anchors.load(storage);
        this.anchors = anchors;
    }

    /** Starts the persistence thread (none without a data dir). */
    void start() {
        started = true;
        persistence.start();
    }

    /** Saves everything in the background; a failed write is logged and the next save tries again. */
    void saveAll() {
        if (!durable) {
            return; // no snapshot made for nothing: thousands of simulated nodes have no data dir
        }
        persistence.writeInBackground(StateFile.ADDRESSES, book.serialize());
        persistence.writeInBackground(StateFile.BANS, bans.serialize());
        persistence.writeInBackground(StateFile.ANCHORS, Anchors.serialize(anchors.get()));
        persistence.writeInBackground(StateFile.PINS, pins.serialize());
    }

    /** Saves the bans now; completes once they are on disk, fails if the write failed. */
    CompletableFuture<Void> saveBans() {
        return durable ? persistence.write(StateFile.BANS, bans.serialize()) : CompletableFuture.completedFuture(null);
    }

    /** Saves the pins now; completes once they are on disk, fails if the write failed. */
    CompletableFuture<Void> savePins() {
        return durable ? persistence.write(StateFile.PINS, pins.serialize()) : CompletableFuture.completedFuture(null);
    }

    /**
     * Saves everything a last time (if it ran: a manager that never started has nothing new to
     * save); completes once written and the persistence thread ended.
     */
    CompletableFuture<Void> stop() {
        if (started) {
            saveAll();
        }
        return persistence.stop();
    }
}
