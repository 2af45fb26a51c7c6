package io.mintp2p.core.peers.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a crash leaves either the old or the new content, never a mix: write a
 * temporary file in the same directory, fsync it, then rename it over the target atomically.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The records of a saved state file: its first line must be {@code header}, every other
     * non-blank line has exactly {@code fields} tab-separated fields (the last may contain tabs).
     * A missing file has no records; a malformed one is an {@link IOException}.
     */
    public static java.util.List<String[]> records(Path file, String header, int fields) throws IOException {
        if (!Files.exists(file)) {
            return java.util.List.of();
        }
        java.util.List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new IOException("unknown header");
        }
        java.util.List<String[]> out = new java.util.ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", fields);
            if (f.length != fields) {
                throw new IOException("bad line: " + line);
            }
            out.add(f);
        }
        return out;
    }

    /**
     * A state file that cannot be read is moved aside (kept for inspection, never deleted) and
     * logged, so the node starts fresh without losing it or overwriting it with a partial one.
     */
    public static void setAsideUnreadable(Path file, String what, Exception problem) {
        try {
            Path aside = setAside(file);
            org.slf4j.LoggerFactory.getLogger(AtomicFiles.class).warn("{} {} is unreadable ({}); moved to {} and starting empty",
                    what, file, problem.getMessage(), aside);
        } catch (IOException moveFailed) {
            org.slf4j.LoggerFactory.getLogger(AtomicFiles.class).warn("{} {} is unreadable ({}) and could not be moved aside: {}",
                    what, file, problem.getMessage(), moveFailed.getMessage());
        }
    }

    /** Moves an unreadable file aside (kept for inspection) so the node can start fresh without losing it. */
    public static Path setAside(Path corrupt) throws IOException {
        Path aside = corrupt.resolveSibling(corrupt.getFileName() + ".corrupt-" + System.currentTimeMillis());
        Files.move(corrupt, aside, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }
}
