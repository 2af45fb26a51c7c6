package io.mintp2p.transport.noise;

import io.mintp2p.core.transport.PeerIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A node's Noise static key: one X25519 key pair, kept in {@code noise.key} (one line, the private key in hex,
 * owner-only) so the node keeps its Noise identity across restarts. The identity is the 32-byte public key itself,
 * in hex. Immutable; any thread. Only {@link #loadOrCreate} touches the disk (blocking).
 */
public final class NoiseKeys {
    static final String KEY_FILE = "noise.key";

    private final NoiseKeyPair pair;
    private final PeerIdentity identity;

    private NoiseKeys(NoiseKeyPair pair) {
        this.pair = pair;
        this.identity = identityOf(pair.publicKey());
    }

    /**
     * This node's Noise identity: its static public key.
     *
     * @return the 32-byte static public key in hex
     */
    public PeerIdentity identity() {
        return identity;
    }

    NoiseKeyPair pair() {
        return pair;
    }

    /**
     * A key that lives only in memory (no data dir): a new identity each start. Does not block.
     *
     * @return a freshly generated key pair
     */
    public static NoiseKeys ephemeral() {
        return new NoiseKeys(NoiseKeyPair.generate(new SecureRandom()));
    }

    /**
     * Blocking: loads the key from {@code dir}, or makes one on first start (the directory created if missing, the
     * file with mode 0600 where the file system has POSIX permissions). A key file that cannot be read is an error:
     * silently making a new key would change who this node is to the peers that pinned it.
     *
     * @param dir the data dir holding {@code noise.key}
     * @return the node's key, the same as the last start's when the file exists
     * @throws IllegalStateException if the key file cannot be read, parsed or written
     */
    public static NoiseKeys loadOrCreate(Path dir) {
        Path keyFile = dir.resolve(KEY_FILE);
        try {
            if (Files.exists(keyFile)) {
                return new NoiseKeys(NoiseKeyPair.fromPrivate(read(keyFile)));
            }
            Files.createDirectories(dir);
            NoiseKeyPair pair = NoiseKeyPair.generate(new SecureRandom());
            writeOwnerOnly(keyFile, HexFormat.of().formatHex(pair.privateKey()) + "\n");
            return new NoiseKeys(pair);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use Noise key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** The identity a Noise static public key stands for. Any thread. */
    static PeerIdentity identityOf(byte[] publicKey) {
        return new PeerIdentity(HexFormat.of().formatHex(publicKey));
    }

    private static byte[] read(Path keyFile) throws IOException {
        String text = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        if (text.length() != 2 * NoiseKeyPair.KEY_BYTES) {
            throw new IOException("expected " + 2 * NoiseKeyPair.KEY_BYTES + " hex characters, found " + text.length());
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("not hex: " + e.getMessage(), e);
        }
    }

    /** Written to a temporary file created owner-only, then renamed into place: never readable by others. */
    private static void writeOwnerOnly(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
