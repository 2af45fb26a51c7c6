package io.mintp2p.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The hashes that name what an image was made from, so that an image is rebuilt only when its
 * inputs change: a short hash of a list of strings (image tags and labels) and a full hash of a
 * class path entry's bytes. Runs on the caller's thread; {@link #treeHash} reads files and blocks.
 */
final class ContentHash {
    /** Part of every hash: raise it when the way images are made changes, so that old ones are rebuilt. */
    static final int RECIPE_VERSION = 1;

    private ContentHash() {
    }

    /** The first 16 hex digits of a SHA-256 over {@code parts}, each ended by a zero byte (so that no two lists collide). */
    static String hash(String... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                d.update(p.getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hash of a file's bytes, or of a directory's files (relative names and bytes, in name order). */
    static String treeHash(Path entry) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        d.update(entry.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                        d.update((byte) 0);
                        d.update(Files.readAllBytes(f));
                    }
                }
            } else {
                d.update(Files.readAllBytes(entry));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read " + entry + ": " + e, e);
        }
    }
}
