package io.mintp2p.transport.noise.interop;

import com.southernstorm.noise.protocol.CipherState;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The two transport ciphers noise-java derived at the end of an {@link IndependentHandshake}: one
 * nonce counter per direction, empty associated data, no rekey (as Mintlayer). Not thread-safe: one
 * writer and one reader may use their halves from different threads, never one half from two.
 */
final class IndependentCiphers {
    static final int TAG_BYTES = 16;

    private final CipherState sender;
    private final CipherState receiver;

    IndependentCiphers(CipherState sender, CipherState receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    /** Encrypts {@code len} bytes of {@code plaintext} from {@code off}: ciphertext + tag; moves the send nonce. */
    byte[] encrypt(byte[] plaintext, int off, int len) throws GeneralSecurityException {
        byte[] out = new byte[len + TAG_BYTES];
        int n = sender.encryptWithAd(null, plaintext, off, out, 0, len);
        return Arrays.copyOf(out, n);
    }

    /** Decrypts one ciphertext; throws {@code BadPaddingException} on a bad tag; moves the receive nonce. */
    byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
        byte[] out = new byte[Math.max(0, ciphertext.length - TAG_BYTES)];
        int n = receiver.decryptWithAd(null, ciphertext, 0, out, 0, ciphertext.length);
        return Arrays.copyOf(out, n);
    }
}
