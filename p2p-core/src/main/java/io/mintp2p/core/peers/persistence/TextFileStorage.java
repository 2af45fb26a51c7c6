package io.mintp2p.core.peers.persistence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The peer state as text files in a data dir, written with {@link AtomicFiles}. Blocks on the disk. */
final class TextFileStorage implements StateStorage {
    private final Path dir;

    TextFileStorage(Path dir) {
        this.dir = dir;
    }

    private Path path(StateFile file) {
        return dir.resolve(file.fileName());
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    @Override
    public List<String[]> records(StateFile file, String header, int fields) throws IOException {
        return AtomicFiles.records(path(file), header, fields);
    }

    @Override
    public void write(StateFile file, String content) throws IOException {
        AtomicFiles.write(path(file), content);
    }

    @Override
    public void setAsideUnreadable(StateFile file, String what, Exception problem) {
        AtomicFiles.setAsideUnreadable(path(file), what, problem);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
