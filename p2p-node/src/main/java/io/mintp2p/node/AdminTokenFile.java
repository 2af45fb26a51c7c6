package io.mintp2p.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reads and writes admin token files; the node's own is {@code <data-dir>/admin.token}. */
final class AdminTokenFile {
    static final String NAME = "admin.token";
    /** More than any valid token; a larger file (or /dev/zero) is refused without reading it all. */
    private static final int MAX_FILE_BYTES = 4096;

    private AdminTokenFile() {
    }

    static Path in(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    /**
     * Writes {@code token} to {@code <dataDir>/admin.token}, readable by the owner only. The file is
     * created 0600 under a temporary name and renamed, so it is never readable by others, not even
     * for a moment, and a reader never sees half a token.
     */
    static Path write(Path dataDir, AdminToken token) throws IOException {
        Path target = in(dataDir);
        Path temp = Files.createTempFile(dataDir, NAME + ".", ".tmp", ownerOnly(dataDir));
        try {
            Files.writeString(temp, token.value(), StandardCharsets.US_ASCII);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** Removes a token left by an earlier run, so no client picks up a token the node no longer takes. */
    static void deleteStale(Path dataDir) throws IOException {
        Files.deleteIfExists(in(dataDir));
    }

    /** The token in {@code file}; an {@link IllegalArgumentException} says why there is none. */
    static AdminToken read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            return AdminToken.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0]; // e.g. Windows: the user's ACLs of the data dir apply
        }
        Set<PosixFilePermission> rw = PosixFilePermissions.fromString("rw-------");
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(rw)};
    }
}
