package io.mintp2p.core.peers.bans;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.persistence.StateFile;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.time.VirtualTimeScheduler;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BanListTest {
    private final VirtualTimeScheduler time = new VirtualTimeScheduler();
    private final BanList bans = new BanList(time);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void anIpv6BanCoversTheWholeSlash64() throws Exception {
        bans.ban(ip("2001:db8:1:2::1"), Duration.ofHours(1), "spam");
        assertThat(bans.isBanned(ip("2001:db8:1:2:ffff:ffff:ffff:fffe"))).isTrue();
        assertThat(bans.isBanned(ip("2001:db8:1:3::1"))).as("the next /64 is another host").isFalse();
        assertThat(bans.entries()).singleElement().satisfies(e -> {
            assertThat(e.prefixLength()).isEqualTo(64);
            assertThat(e.address()).isEqualTo(ip("2001:db8:1:2::"));
        });
    }

    @Test
    void expiryRunsOnMonotonicTimeNotTheWallClock() throws Exception {
        bans.discourage(ip("192.0.2.1"), Duration.ofMinutes(10), "garbage");
        time.shiftWallClock(Duration.ofDays(1));
        assertThat(bans.isDiscouraged(ip("192.0.2.1"))).as("a wall-clock jump lifts nothing").isTrue();
        time.advance(Duration.ofMinutes(10));
        assertThat(bans.isDiscouraged(ip("192.0.2.1"))).isFalse();
    }

    @Test
    void discouragementsAreCappedAndTheSoonestToExpireGoesFirst() throws Exception {
        bans.ban(ip("198.51.100.1"), Duration.ofMinutes(1), "operator");
        for (int i = 0; i < BanList.MAX_DISCOURAGED + 50; i++) {
            byte[] a = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            bans.discourage(InetAddress.getByAddress(a), Duration.ofHours(1).plusSeconds(i), "flood");
        }
        assertThat(bans.size()).isEqualTo(BanList.MAX_DISCOURAGED + 1);
        assertThat(bans.isBanned(ip("198.51.100.1"))).as("manual bans are never pushed out").isTrue();
        assertThat(bans.isDiscouraged(InetAddress.getByAddress(new byte[] {10, 0, 0, 0}))).isFalse();
        assertThat(bans.isDiscouraged(InetAddress.getByAddress(new byte[] {10, 0, 0, 60}))).isTrue();
    }

    @Test
    void persistedExpiryIsWallClockAndSurvivesARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bans.txt");
        bans.ban(ip("192.0.2.7"), Duration.ofHours(2), "operator");
        StateStorage storage = StateStorage.textFiles(dir);
        storage.write(StateFile.BANS, bans.serialize());
        VirtualTimeScheduler later = new VirtualTimeScheduler(time.wallMillis() + Duration.ofHours(1).toMillis());
        BanList loaded = BanList.load(storage, later);
        assertThat(loaded.isBanned(ip("192.0.2.7"))).isTrue();
        later.advance(Duration.ofMinutes(59));
        assertThat(loaded.isBanned(ip("192.0.2.7"))).isTrue();
        later.advance(Duration.ofMinutes(1));
        assertThat(loaded.isBanned(ip("192.0.2.7"))).as("one hour was left at the restart").isFalse();
        assertThat(Files.readString(file)).startsWith("mintp2p-bans v2");
    }
}
