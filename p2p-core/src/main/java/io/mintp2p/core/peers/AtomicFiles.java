package io.mintp2p.core.peers;

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

    /** Moves an unreadable file aside (kept for inspection) so the node can start fresh without losing it. */
    public static Path setAside(Path corrupt) throws IOException {
        Path aside = corrupt.resolveSibling(corrupt.getFileName() + ".corrupt-" + System.currentTimeMillis());
        Files.move(corrupt, aside, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }
}
