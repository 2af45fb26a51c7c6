package io.mintp2p.core.peers.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.AddressGroup;
import io.mintp2p.core.peers.persistence.StateFile;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.transport.TransportAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressBookTest {
    private long clock;
    private final AddressBook book = new AddressBook(new SplittableRandom(1), a -> AddressGroup.of(a, false), () -> clock);

    private static TransportAddress addr(int a, int b, int c, int d) {
        return TransportAddress.of("tcp", a + "." + b + "." + c + "." + d, 3031);
    }

    @Test
    void oneSourceReachesOnlyItsShareOfBuckets() {
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            if (book.add(addr(11 + i % 200, i / 200 % 250, i / 50_000, 1 + i % 250), "v4:203.0")) {
                accepted++;
            }
        }
        assertThat(accepted).as("at most 64 buckets of 64").isLessThanOrEqualTo(
                AddressBook.NEW_BUCKETS_PER_SOURCE_GROUP * AddressBook.BUCKET_SIZE);
        assertThat(book.add(addr(198, 51, 100, 1), "v4:198.51")).as("another source still has room").isTrue();
    }

    @Test
    void aBookWithSmallTablesNeverHoldsMoreThanItsSlotsNorLetsOneSourceFillThem() {
        AddressBook.Tables tables = new AddressBook.Tables(32, 8);
        AddressBook small = new AddressBook(tables, new SplittableRandom(3), a -> AddressGroup.of(a, true), () -> clock);
        // Private addresses with private addresses allowed: each is its own group, so the per-group
        // cap bounds nothing and only the tables do (what a simulation of thousands of nodes meets).
        for (int i = 0; i < 50_000; i++) {
            TransportAddress a = TransportAddress.of("mem", "10." + i / 62_500 + "." + i / 250 % 250 + "." + (1 + i % 250), 1);
            small.add(a, "local:10.255.0." + i % 100 + ":1");
            if (i % 5 == 0) {
                small.markSuccess(a, 1);
            }
            assertThat(small.size()).isLessThanOrEqualTo(tables.capacity());
            assertThat(small.triedCount()).isLessThanOrEqualTo(8 * AddressBook.BUCKET_SIZE);
        }
        assertThat(small.size()).as("the tables fill up").isGreaterThan(tables.capacity() / 2);

        AddressBook flooded = new AddressBook(tables, new SplittableRandom(4), a -> AddressGroup.of(a, true), () -> clock);
        for (int i = 0; i < 50_000; i++) {
            flooded.add(TransportAddress.of("mem", "10.7." + i / 250 % 250 + "." + (1 + i % 250), 1 + i / 62_500), "one-source");
        }
        assertThat(flooded.size()).as("one source reaches 1/16 of the new buckets: 2 of 32")
                .isLessThanOrEqualTo(2 * AddressBook.BUCKET_SIZE);
    }

    @Test
    void tablesNeedRoomForTheirShares() {
        assertThatThrownBy(() -> new AddressBook.Tables(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddressBook.Tables(16, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AddressBook.Tables.DEFAULT.capacity()).isEqualTo((1024 + 256) * 64);
        assertThat(new AddressBook(new SplittableRandom(1), a -> "g", () -> 0).tables()).isEqualTo(AddressBook.Tables.DEFAULT);
    }

    @Test
    void aFloodFromOneSourceDoesNotDisplaceWhatOthersTaughtUs() {
        List<TransportAddress> honest = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            TransportAddress a = addr(20 + i % 100, i / 100, 7, 7);
            if (book.add(a, "v4:" + (100 + i % 50) + ".0")) {
                honest.add(a);
            }
        }
        for (int i = 0; i < 100_000; i++) {
            book.add(addr(203, 0, i / 250 % 250, 1 + i % 250), "v4:203.0");
        }
        assertThat(honest).hasSizeGreaterThan(400).allMatch(book::contains);
        long attacker = book.view().stream().filter(e -> e.address().host().startsWith("203.0.")).count();
        assertThat(attacker * 1.0 / book.size()).as("share of the book held by the flood").isLessThan(0.95);
    }

    @Test
    void anAddressHeardOfFromTwoSourcesGivesItsNewSlotToOneHeardOfNowhereElse() {
        // Same seed, same salt, same slots: the books differ only in who told them of `known`.
        AddressBook.Tables tables = new AddressBook.Tables(16, 8);
        AddressBook heardTwice = new AddressBook(tables, new SplittableRandom(5), a -> AddressGroup.of(a, true), () -> clock);
        AddressBook heardOnce = new AddressBook(tables, new SplittableRandom(5), a -> AddressGroup.of(a, true), () -> clock);
        TransportAddress known = TransportAddress.of("mem", "10.9.9.9", 1);
        heardTwice.add(known, "teller");
        heardTwice.add(known, "teller");
        assertThat(heardTwice.add(known, "another")).as("known already").isFalse();
        heardOnce.add(known, "teller");
        // With 16 new buckets one source reaches one bucket: the teller's later news compete for its slots.
        for (int i = 0; i < 5_000; i++) {
            TransportAddress news = TransportAddress.of("mem", "10.1." + i / 250 + "." + (1 + i % 250), 1);
            heardTwice.add(news, "teller");
            heardOnce.add(news, "teller");
        }
        assertThat(heardTwice.contains(known)).as("heard of from two sources: gave way").isFalse();
        assertThat(heardOnce.contains(known)).as("heard of from one source: keeps its slot").isTrue();
        assertThat(heardTwice.size()).isEqualTo(heardOnce.size()).isLessThanOrEqualTo(AddressBook.BUCKET_SIZE);
    }

    @Test
    void successMovesToTriedAndTerribleEntriesMakeRoom() {
        TransportAddress a = addr(192, 0, 2, 1);
        book.add(a, "v4:198.51");
        book.markSuccess(a, 1000);
        assertThat(book.triedCount()).isEqualTo(1);
        assertThat(book.view()).singleElement().satisfies(e -> assertThat(e.tried()).isTrue());
        for (int i = 0; i < FailurePolicy.MAX_FAILURES; i++) {
            book.markFailure(a);
        }
        assertThat(book.triedCount()).as("demoted after repeated failures").isZero();
        assertThat(book.contains(a)).isTrue();
        for (int i = 0; i < FailurePolicy.MAX_FAILURES; i++) {
            book.markFailure(a);
        }
        assertThat(book.contains(a)).as("a new address failing again and again is forgotten").isFalse();
    }

    @Test
    void selectionDrawsFromBothTablesAndRespectsTheFilter() {
        for (int i = 0; i < 200; i++) {
            TransportAddress a = addr(30 + i, 1, 1, 1);
            book.add(a, "v4:" + i + ".0");
            if (i % 2 == 0) {
                book.markSuccess(a, 1);
            }
        }
        int tried = 0;
        int fresh = 0;
        for (int i = 0; i < 1000; i++) {
            TransportAddress picked = book.select(a -> !a.host().startsWith("31.")).orElseThrow();
            assertThat(picked.host()).doesNotStartWith("31.");
            if (book.view().stream().anyMatch(e -> e.address().equals(picked) && e.tried())) {
                tried++;
            } else {
                fresh++;
            }
        }
        assertThat(tried).isBetween(350, 650);
        assertThat(fresh).isBetween(350, 650);
        assertThat(book.select(a -> false)).isEmpty();
    }

    @Test
    void savedAndLoadedWithTheSameSaltAndTables(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 300; i++) {
            TransportAddress a = addr(40 + i % 100, i / 100, 3, 3);
            book.add(a, "v4:" + i % 7 + ".0");
            if (i % 3 == 0) {
                book.markSuccess(a, 5);
            }
        }
        StateStorage storage = StateStorage.textFiles(dir);
        storage.write(StateFile.ADDRESSES, book.serialize());
        AddressBook again = AddressBook.load(storage, new SplittableRandom(2), a -> AddressGroup.of(a, false), () -> clock);
        assertThat(again.size()).isEqualTo(book.size());
        assertThat(again.triedCount()).isEqualTo(book.triedCount());
        assertThat(again.serialize()).isEqualTo(book.serialize());
    }

    @Test
    void aSavedBookLoadsIntoSmallerTablesKeepingWhatFits(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 3000; i++) {
            book.add(addr(40 + i % 150, i / 150, 3, 3), "v4:" + i % 40 + ".0");
        }
        StateStorage storage = StateStorage.textFiles(dir);
        storage.write(StateFile.ADDRESSES, book.serialize());
        AddressBook.Tables tables = new AddressBook.Tables(16, 8);
        AddressBook small = AddressBook.load(storage, tables, new SplittableRandom(2), a -> AddressGroup.of(a, false), () -> clock);
        assertThat(small.tables()).isEqualTo(tables);
        assertThat(small.size()).isPositive().isLessThanOrEqualTo(16 * AddressBook.BUCKET_SIZE).isLessThan(book.size());
        assertThat(small.view()).allMatch(e -> book.contains(e.address()));
    }

    @Test
    void anOldOrDamagedFileIsSetAsideAndTheBookStartsEmpty(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("peers.txt");
        Files.writeString(file, "mintp2p-addresses v1\ntcp://127.0.0.1:1\t0\tx\t0\t0\t0\n");
        AddressBook loaded = AddressBook.load(StateStorage.textFiles(dir), new SplittableRandom(2), a -> AddressGroup.of(a, false), () -> clock);
        assertThat(loaded.size()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("peers.txt.corrupt"));
        }
    }

    /** One /16 has 8 tried buckets of 64 slots: 600 successes from it must collide. */
    private List<TransportAddress> successesFromOneGroup(long nowMillis) {
        List<TransportAddress> all = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            TransportAddress a = addr(198, 51, i / 250, 1 + i % 250);
            book.add(a, "v4:203.0");
            book.markSuccess(a, nowMillis);
            all.add(a);
        }
        return all;
    }

    @Test
    void aNewSuccessDoesNotPushOutATriedEntryThatWorkedLatelyUntilAFeelerTestsIt() {
        long now = 1_000_000_000L;
        List<TransportAddress> all = successesFromOneGroup(now);
        assertThat(book.triedCount()).isLessThanOrEqualTo(AddressBook.TRIED_BUCKETS_PER_GROUP * AddressBook.BUCKET_SIZE);
        assertThat(book.collisionCount()).isEqualTo(TriedCollisions.MAX_COLLISIONS);
        int triedBefore = book.triedCount();

        TransportAddress occupant = book.collisionToTest().orElseThrow();
        assertThat(book.view()).anyMatch(e -> e.address().equals(occupant) && e.tried());
        book.resolveCollision(occupant, true);
        assertThat(book.collisionCount()).as("the old entry answered: it keeps its slot").isEqualTo(TriedCollisions.MAX_COLLISIONS - 1);
        assertThat(book.triedCount()).isEqualTo(triedBefore);
        assertThat(book.view()).anyMatch(e -> e.address().equals(occupant) && e.tried());

        TransportAddress next = book.collisionToTest().orElseThrow();
        book.resolveCollision(next, false);
        assertThat(book.view()).as("the old entry failed: out of tried (back in new where its slot is free)")
                .noneMatch(e -> e.address().equals(next) && e.tried());
        assertThat(book.triedCount()).isEqualTo(triedBefore);
        assertThat(book.size()).isLessThanOrEqualTo(all.size());
    }

    @Test
    void aTriedEntryThatHasNotWorkedForHoursGivesWayAtOnce() {
        long then = 1_000_000_000L;
        successesFromOneGroup(then);
        int collisions = book.collisionCount();
        long later = then + TriedCollisions.COLLISION_KEEP_OLD_FOR.toMillis() + 1;
        TransportAddress late = addr(198, 51, 9, 1);
        book.add(late, "v4:203.0");
        book.markSuccess(late, later);
        assertThat(book.collisionCount()).isEqualTo(collisions);
        assertThat(book.view()).filteredOn(e -> e.address().equals(late)).singleElement()
                .matches(AddressBookEntry::tried);
    }

    @Test
    void oneAddressGroupHoldsAFewNewEntriesHoweverManySourcesRelayIt() {
        int accepted = 0;
        for (int i = 0; i < 1000; i++) {
            if (book.add(addr(203, 0, i / 250, 1 + i % 250), "v4:" + (20 + i % 100) + ".1")) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(AddressBook.MAX_NEW_PER_GROUP);
        assertThat(book.add(addr(198, 51, 100, 1), "v4:20.1")).as("other groups still get in").isTrue();
    }

    @Test
    void anAddressThatKeepsFailingIsForgottenNotPassedOnAndNotRelearnedForAnHour() {
        TransportAddress dead = addr(198, 51, 100, 7);
        TransportAddress alive = addr(203, 0, 113, 9);
        book.add(dead, "v4:20.1");
        book.add(alive, "v4:20.1");
        book.markFailure(dead);
        assertThat(book.sample(10, a -> true)).as("a failing address is not handed out").containsExactly(alive);
        for (int i = 1; i < FailurePolicy.MAX_FAILURES_NEW; i++) {
            book.markFailure(dead);
        }
        assertThat(book.contains(dead)).isFalse();
        assertThat(book.add(dead, "v4:30.1")).as("gossip brings it back at once").isFalse();
        clock += ForgottenAddresses.FORGOTTEN_FOR.toMillis();
        assertThat(book.add(dead, "v4:30.1")).as("an hour later it may be alive again").isTrue();
    }

    @Test
    void aForgottenAddressComesBackAtOnceWhenItsOwnerAnnouncesIt() {
        TransportAddress back = addr(198, 51, 100, 8);
        book.add(back, "v4:20.1");
        for (int i = 0; i < FailurePolicy.MAX_FAILURES_NEW; i++) {
            book.markFailure(back);
        }
        assertThat(book.add(back, "v4:30.1")).as("a third party's word").isFalse();
        assertThat(book.addFromItsOwner(back, "v4:198.51")).as("the node itself, connected from there").isTrue();
        assertThat(book.contains(back)).isTrue();
    }

    @Test
    void aForgottenAddressComesBackOnProbationFromAnAnswerWhileShortOfPeers() {
        TransportAddress back = addr(198, 51, 100, 9);
        TransportAddress other = addr(203, 0, 113, 10);
        book.add(back, "v4:20.1");
        for (int i = 0; i < FailurePolicy.MAX_FAILURES_NEW; i++) {
            book.markFailure(back);
        }
        assertThat(book.addWhileShortOfPeers(back, "v4:30.1")).isTrue();
        assertThat(book.addWhileShortOfPeers(other, "v4:30.1")).as("news is news").isTrue();
        assertThat(book.sample(10, a -> true)).as("not passed on until it works").containsExactly(other);
        book.markFailure(back);
        assertThat(book.contains(back)).as("one more failure forgets it again").isFalse();
        assertThat(book.add(back, "v4:30.1")).as("and gossip still cannot bring it back").isFalse();
    }

    @Test
    void forgottenAddressesAreTakenBackOldestFirstAtMostSomeAtATimeAndOnProbation() {
        List<TransportAddress> dead = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            TransportAddress a = addr(198, 51, 100, 20 + i);
            book.add(a, "v4:20.1");
            for (int f = 0; f < FailurePolicy.MAX_FAILURES_NEW; f++) {
                book.markFailure(a);
            }
            dead.add(a);
        }
        assertThat(book.size()).isZero();
        assertThat(book.takeBackForgotten(2, a -> !a.equals(dead.get(0)))).isEqualTo(2);
        assertThat(book.contains(dead.get(0))).as("not eligible").isFalse();
        assertThat(book.contains(dead.get(1))).isTrue();
        assertThat(book.contains(dead.get(2))).isTrue();
        assertThat(book.size()).as("at most the two asked for").isEqualTo(2);
        assertThat(book.sample(10, a -> true)).as("not passed on before they work").isEmpty();
        book.markFailure(dead.get(1));
        assertThat(book.contains(dead.get(1))).as("one more failure forgets it again").isFalse();
        assertThat(book.add(dead.get(1), "v4:30.1")).as("gossip still cannot bring it back").isFalse();
    }

    @Test
    void theMemoryOfForgottenAddressesIsBounded() {
        List<TransportAddress> forgotten = new ArrayList<>();
        for (int i = 0; forgotten.size() <= ForgottenAddresses.MAX_FORGOTTEN; i++) {
            TransportAddress a = addr(11 + i / 256 % 200, i % 256, 1 + i / 51_200, 1);
            if (!book.add(a, "v4:" + (20 + i % 150) + ".1")) {
                continue;
            }
            for (int f = 0; f < FailurePolicy.MAX_FAILURES_NEW; f++) {
                book.markFailure(a);
            }
            forgotten.add(a);
        }
        assertThat(book.size()).isZero();
        assertThat(book.add(forgotten.get(forgotten.size() - 1), "v4:20.1")).as("the latest is remembered").isFalse();
        assertThat(book.add(forgotten.get(0), "v4:20.1")).as("the oldest made room for it").isTrue();
    }
}
