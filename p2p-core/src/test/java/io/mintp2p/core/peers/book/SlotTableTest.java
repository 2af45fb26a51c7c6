package io.mintp2p.core.peers.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.TransportAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlotTableTest {

    private static KnownAddress entry(int slot) {
        KnownAddress e = new KnownAddress(TransportAddress.of("tcp", "192.0.2.1", slot), 1L, "s");
        e.slot = slot;
        return e;
    }

    @Test
    void agreesWithAMapThroughRandomAddsAndRemovesOfClusteredSlots() {
        SlotTable table = new SlotTable();
        Map<Integer, KnownAddress> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int step = 0; step < 200_000; step++) {
            // Few buckets, consecutive slots: long probe runs, so removals must shift entries back.
            int slot = random.nextInt(8) * AddressBook.BUCKET_SIZE + random.nextInt(AddressBook.BUCKET_SIZE);
            KnownAddress held = model.get(slot);
            assertThat(table.get(slot)).isSameAs(held);
            if (held == null) {
                KnownAddress e = entry(slot);
                table.add(e);
                model.put(slot, e);
            } else if (random.nextBoolean()) {
                assertThat(table.remove(held)).isTrue();
                model.remove(slot);
            } else {
                assertThat(table.remove(entry(slot))).as("another entry with the same slot").isFalse();
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        model.forEach((slot, e) -> assertThat(table.get(slot)).isSameAs(e));
    }
}
