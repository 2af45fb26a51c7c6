package io.mintp2p.core.peers.persistence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the peer manager keeps its state between runs: whole records, replaced atomically. Every
 * method blocks on I/O; the peer manager reads at construction and writes only from its
 * {@link StatePersistence} thread.
 */
public interface StateStorage {

    /** A node without a data dir: nothing was saved, nothing is kept. */
    StateStorage NONE = new StateStorage() {
        @Override
        public boolean isDurable() {
            return false;
        }

        @Override
        public List<String[]> records(StateFile file, String header, int fields) {
            return List.of();
        }

        @Override
        public void write(StateFile file, String content) {
        }

        @Override
        public void setAsideUnreadable(StateFile file, String what, Exception problem) {
        }
    };

    /** Text files in the data dir, one per {@link StateFile}. */
    static StateStorage textFiles(Path dataDir) {
        return new TextFileStorage(dataDir);
    }

    /** Whether writes are kept (false: no data dir, and no writer thread is needed). */
    boolean isDurable();

    /**
     * The saved records: the first line must be {@code header}, every other non-blank line has
     * exactly {@code fields} tab-separated fields (the last may contain tabs). Nothing saved yet is
     * no records; a malformed state is an {@link IOException}.
     */
    List<String[]> records(StateFile file, String header, int fields) throws IOException;

    /** Replaces the saved state so that a crash leaves either the old or the new content. Blocks for the fsync. */
    void write(StateFile file, String content) throws IOException;

    /** A state that cannot be read is kept aside for inspection (never deleted) and logged; the next load finds none. */
    void setAsideUnreadable(StateFile file, String what, Exception problem);
}
