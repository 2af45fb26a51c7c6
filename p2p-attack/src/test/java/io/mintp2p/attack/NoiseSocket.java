package io.mintp2p.attack;

import com.southernstorm.noise.protocol.CipherState;
import com.southernstorm.noise.protocol.CipherStatePair;
import com.southernstorm.noise.protocol.HandshakeState;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A blocking client socket under Noise_XX_25519_ChaChaPoly_SHA256 as the Mintlayer node frames it (u16
 * little-endian length before every message; records of at most 65 519 plaintext bytes), done by an
 * independent implementation (noise-java), so the attack suite's honest Noise peer is not our own code. Its
 * streams carry the plaintext: every write (after a {@code BufferedOutputStream}, every flush) becomes
 * records, reads return decrypted bytes. One reader and one writer thread; reads and the handshake block.
 */
final class NoiseSocket extends Socket {
    static final int MAX_MESSAGE = 65_535;
    static final int TAG = 16;
    static final int MAX_PLAINTEXT = MAX_MESSAGE - TAG;

    private final Socket raw;
    private final DataInputStream rawIn;
    private final OutputStream rawOut;
    private final CipherState sender;
    private final CipherState receiver;
    private final InputStream in = new RecordInput();
    private final OutputStream out = new RecordOutput();

    private NoiseSocket(Socket raw, CipherStatePair ciphers) throws IOException {
        this.raw = raw;
        this.rawIn = new DataInputStream(raw.getInputStream());
        this.rawOut = raw.getOutputStream();
        this.sender = ciphers.getSender();
        this.receiver = ciphers.getReceiver();
    }

    /** Runs the initiator's side of the handshake on {@code raw} (fresh static key, empty prologue and payloads). */
    static NoiseSocket initiate(Socket raw) throws IOException {
        try {
            HandshakeState hs = new HandshakeState("Noise_XX_25519_ChaChaPoly_SHA256", HandshakeState.INITIATOR);
            hs.getLocalKeyPair().generateKeyPair();
            hs.start();
            OutputStream o = raw.getOutputStream();
            DataInputStream i = new DataInputStream(raw.getInputStream());
            byte[] buf = new byte[MAX_MESSAGE];
            o.write(framed(buf, hs.writeMessage(buf, 0, new byte[0], 0, 0)));
            byte[] m2 = readMessage(i);
            hs.readMessage(m2, 0, m2.length, buf, 0);
            o.write(framed(buf, hs.writeMessage(buf, 0, new byte[0], 0, 0)));
            o.flush();
            return new NoiseSocket(raw, hs.split());
        } catch (GeneralSecurityException e) {
            throw new IOException("Noise handshake failed: " + e, e);
        }
    }

    /** Message 1 as an initiator would send it (u16 LE length + a fresh ephemeral key), for half-open floods. */
    static byte[] message1() {
        try {
            HandshakeState hs = new HandshakeState("Noise_XX_25519_ChaChaPoly_SHA256", HandshakeState.INITIATOR);
            hs.getLocalKeyPair().generateKeyPair();
            hs.start();
            byte[] buf = new byte[MAX_MESSAGE];
            return framed(buf, hs.writeMessage(buf, 0, new byte[0], 0, 0));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] framed(byte[] buf, int n) {
        byte[] f = new byte[2 + n];
        f[0] = (byte) n;
        f[1] = (byte) (n >>> 8);
        System.arraycopy(buf, 0, f, 2, n);
        return f;
    }

    private static byte[] readMessage(DataInputStream i) throws IOException {
        int lo = i.read();
        int hi = i.read();
        if (lo < 0 || hi < 0) {
            throw new EOFException("closed by the node");
        }
        byte[] m = new byte[lo | hi << 8];
        i.readFully(m);
        return m;
    }

    /**
     * Sends one record of {@code plaintext} (empty allowed: a hostile input), with its tag broken when
     * {@code forgeTag}.
     */
    void sendRecord(byte[] plaintext, boolean forgeTag) throws IOException {
        byte[] ct = new byte[plaintext.length + TAG];
        try {
            int n = sender.encryptWithAd(null, plaintext, 0, ct, 0, plaintext.length);
            if (forgeTag) {
                ct[n - 1] ^= 1;
            }
            rawOut.write(framed(ct, n));
            rawOut.flush();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        raw.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return raw.getSoTimeout();
    }

    @Override
    public InetAddress getInetAddress() {
        return raw.getInetAddress();
    }

    @Override
    public int getPort() {
        return raw.getPort();
    }

    @Override
    public boolean isClosed() {
        return raw.isClosed();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /** Decrypted bytes, a record at a time; an empty record reads as end of stream (as Mintlayer reads it). */
    private final class RecordInput extends InputStream {
        private byte[] plain = new byte[0];
        private int pos;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == plain.length) {
                if (eof) {
                    return -1;
                }
                int lo = rawIn.read();
                if (lo < 0) {
                    eof = true;
                    return -1;
                }
                int hi = rawIn.readUnsignedByte();
                byte[] ct = new byte[lo | hi << 8];
                rawIn.readFully(ct);
                byte[] p = new byte[Math.max(0, ct.length - TAG)];
                try {
                    int n = receiver.decryptWithAd(null, ct, 0, p, 0, ct.length);
                    plain = Arrays.copyOf(p, n);
                } catch (GeneralSecurityException e) {
                    throw new IOException("record from the node did not authenticate", e);
                }
                pos = 0;
                eof = plain.length == 0;
            }
            int n = Math.min(len, plain.length - pos);
            System.arraycopy(plain, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Each write becomes records of at most {@link #MAX_PLAINTEXT} bytes; never an empty one. */
    private final class RecordOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int at = off; at < off + len; at += MAX_PLAINTEXT) {
                int n = Math.min(MAX_PLAINTEXT, off + len - at);
                byte[] ct = new byte[n + TAG];
                try {
                    int c = sender.encryptWithAd(null, b, at, ct, 0, n);
                    rawOut.write(framed(ct, c));
                } catch (GeneralSecurityException e) {
                    throw new IOException(e);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            rawOut.flush();
        }
    }

    /** Dials plain TCP from {@code source}, then handshakes; the socket returned carries plaintext. */
    static Dialer dialer() {
        return (InetSocketAddress target, InetAddress source, int timeoutMillis) -> {
            Socket raw = Dialer.plain().open(target, source, timeoutMillis);
            try {
                raw.setSoTimeout(Math.max(1, timeoutMillis));
                return initiate(raw);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        };
    }
}
