package io.mintp2p.core.peers.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One node's state writer: its own thread between start and stop, writes in order, failures reported. */
class StatePersistenceTest {

    private static List<Thread> writerThreads() {
        List<Thread> out = new ArrayList<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.getName().startsWith("mintp2p-peer-state-") && t.isAlive()) {
                out.add(t);
            }
        });
        return out;
    }

    @Test
    void aWriteCompletesOnceItIsOnDiskAndTheLastOneWins(@TempDir Path dir) throws Exception {
        StatePersistence persistence = new StatePersistence(StateStorage.textFiles(dir));
        persistence.start();
        persistence.writeInBackground(StateFile.BANS, "old\n");
        persistence.write(StateFile.BANS, "new\n").join();
        assertThat(Files.readString(dir.resolve("bans.txt"))).isEqualTo("new\n");
        persistence.stop().join();
    }

    @Test
    void stopWritesWhatWasQueuedAndLeavesNoThread(@TempDir Path dir) throws Exception {
        List<Thread> before = writerThreads();
        StatePersistence persistence = new StatePersistence(StateStorage.textFiles(dir));
        persistence.start();
        List<Thread> mine = writerThreads();
        mine.removeAll(before);
        assertThat(mine).hasSize(1);
        persistence.writeInBackground(StateFile.PINS, "pins\n");
        persistence.stop().join();
        mine.get(0).join(); // ended() completes as the thread's last act
        assertThat(mine.get(0).isAlive()).isFalse();
        assertThat(Files.readString(dir.resolve("pins.txt"))).isEqualTo("pins\n");
        assertThatThrownBy(() -> persistence.write(StateFile.PINS, "late\n").join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void aFailedWriteFailsItsFuture(@TempDir Path dir) throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "");
        StatePersistence persistence = new StatePersistence(StateStorage.textFiles(notADir));
        persistence.start();
        assertThatThrownBy(() -> persistence.write(StateFile.BANS, "x\n").join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
        persistence.stop().join();
    }

    @Test
    void writesWaitForTheDiskNotTheCaller(@TempDir Path dir) throws Exception {
        CountDownLatch diskFree = new CountDownLatch(1);
        StateStorage slow = new StateStorage() {
            final StateStorage files = StateStorage.textFiles(dir);

            @Override
            public boolean isDurable() {
                return true;
            }

            @Override
            public List<String[]> records(StateFile file, String header, int fields) throws IOException {
                return files.records(file, header, fields);
            }

            @Override
            public void write(StateFile file, String content) throws IOException {
                try {
                    diskFree.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                files.write(file, content);
            }

            @Override
            public void setAsideUnreadable(StateFile file, String what, Exception problem) {
                files.setAsideUnreadable(file, what, problem);
            }
        };
        StatePersistence persistence = new StatePersistence(slow);
        persistence.start();
        var written = persistence.write(StateFile.BANS, "b\n");
        var stopped = persistence.stop();
        assertThat(written).as("the caller got its future back before the disk was free").isNotDone();
        assertThat(stopped).isNotDone();
        diskFree.countDown();
        stopped.join();
        assertThat(written).isCompleted();
        assertThat(Files.readString(dir.resolve("bans.txt"))).isEqualTo("b\n");
    }

    @Test
    void withoutADataDirNothingIsWrittenAndNoThreadStarts() {
        List<Thread> before = writerThreads();
        StatePersistence persistence = new StatePersistence(StateStorage.NONE);
        persistence.start();
        assertThat(writerThreads()).isEqualTo(before);
        assertThat(persistence.write(StateFile.BANS, "x")).isCompleted();
        assertThat(persistence.stop()).isCompleted();
    }
}
