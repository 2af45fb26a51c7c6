package io.mintp2p.transport.tor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The onion service's private key in tor's own text form ({@code ED25519-V3:<base64>}), kept in the
 * data dir with mode 0600 so the onion address is the same after a restart.
 */
final class OnionKeyFile {
    static final String FILE_NAME = "onion_v3_private_key";
    static final String PREFIX = "ED25519-V3:";

    private final Path file;

    OnionKeyFile(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    Optional<String> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!key.startsWith(PREFIX)) {
                throw new IllegalStateException(file + " does not hold an " + PREFIX + " key; move it away to get a new onion");
            }
            return Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Written owner-only before it holds the key, then moved into place, so no reader ever sees a partial or open file. */
    void write(String key) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, key + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the onion key in " + file, e);
        }
    }

    Path path() {
        return file;
    }
}
