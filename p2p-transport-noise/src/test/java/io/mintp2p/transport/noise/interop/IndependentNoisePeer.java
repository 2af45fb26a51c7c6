package io.mintp2p.transport.noise.interop;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * One end of a Noise connection as the Mintlayer node frames it, over a plain blocking
 * {@link Socket}, with the cryptography done by noise-java ({@link IndependentHandshake}): every
 * message, handshake included, is a u16 little-endian length then the message; transport records
 * carry at most {@link #MAX_PLAINTEXT} bytes. The test thread that owns it runs every method; each
 * blocks on the socket (reads end at the socket's timeout).
 */
final class IndependentNoisePeer implements AutoCloseable {
    /** 65 535 bytes of ciphertext less the 16-byte tag. */
    static final int MAX_PLAINTEXT = IndependentHandshake.MAX_MESSAGE - IndependentCiphers.TAG_BYTES;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final IndependentCiphers ciphers;
    private final byte[] remoteStatic;

    private IndependentNoisePeer(Socket socket, IndependentCiphers ciphers, byte[] remoteStatic) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.ciphers = ciphers;
        this.remoteStatic = remoteStatic;
    }

    /** Dials side: writes message 1, reads 2, writes 3, with a fresh static key and empty payloads. */
    static IndependentNoisePeer initiate(Socket socket) throws IOException, GeneralSecurityException {
        return initiate(socket, new byte[0]);
    }

    /**
     * Dials side, with {@code plaintextAfterMessage3} encrypted into records that leave in the same
     * socket write as message 3 (as the Mintlayer initiator's Hello follows message 3 at once).
     */
    static IndependentNoisePeer initiate(Socket socket, byte[] plaintextAfterMessage3) throws IOException, GeneralSecurityException {
        IndependentHandshake hs = IndependentHandshake.fresh(true);
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        out.write(framed(hs.write(new byte[0])));
        out.flush();
        hs.read(readMessage(in));
        byte[] message3 = framed(hs.write(new byte[0]));
        IndependentNoisePeer peer = new IndependentNoisePeer(socket, hs.split(), hs.remoteStatic());
        ByteArrayOutputStream oneWrite = new ByteArrayOutputStream();
        oneWrite.write(message3);
        oneWrite.write(peer.records(plaintextAfterMessage3, MAX_PLAINTEXT));
        out.write(oneWrite.toByteArray());
        out.flush();
        return peer;
    }

    /** Listening side: reads message 1, writes 2, reads 3, with a fresh static key and empty payloads. */
    static IndependentNoisePeer respond(Socket socket) throws IOException, GeneralSecurityException {
        IndependentHandshake hs = IndependentHandshake.fresh(false);
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        hs.read(readMessage(in));
        out.write(framed(hs.write(new byte[0])));
        out.flush();
        hs.read(readMessage(in));
        return new IndependentNoisePeer(socket, hs.split(), hs.remoteStatic());
    }

    /** The static public key the other side proved in the handshake. */
    byte[] remoteStatic() {
        return remoteStatic.clone();
    }

    /** Sends {@code plaintext} as a byte stream cut into records of at most {@code recordPlaintext} bytes, in one write. */
    void send(byte[] plaintext, int recordPlaintext) throws IOException, GeneralSecurityException {
        out.write(records(plaintext, recordPlaintext));
        out.flush();
    }

    /** Sends each of {@code plaintexts} as exactly one record (none may be empty or over the limit), in one write. */
    void sendRecords(List<byte[]> plaintexts) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : plaintexts) {
            if (p.length == 0 || p.length > MAX_PLAINTEXT) {
                throw new IllegalArgumentException("a record holds 1.." + MAX_PLAINTEXT + " bytes, not " + p.length);
            }
            all.write(framed(ciphers.encrypt(p, 0, p.length)));
        }
        out.write(all.toByteArray());
        out.flush();
    }

    /** Sends raw bytes on the socket, outside the record layer (for hostile inputs). */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next record's plaintext; {@link EOFException} when the peer closed; a bad tag throws. */
    byte[] receiveRecord() throws IOException, GeneralSecurityException {
        return ciphers.decrypt(readMessage(in));
    }

    private byte[] records(byte[] plaintext, int recordPlaintext) throws GeneralSecurityException {
        if (recordPlaintext < 1 || recordPlaintext > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("record plaintext size " + recordPlaintext);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(plaintext.length + plaintext.length / recordPlaintext * 18 + 18);
        for (int off = 0; off < plaintext.length; off += recordPlaintext) {
            byte[] ct = ciphers.encrypt(plaintext, off, Math.min(recordPlaintext, plaintext.length - off));
            all.writeBytes(framed(ct));
        }
        return all.toByteArray();
    }

    /** {@code u16 LE length || message}. */
    static byte[] framed(byte[] message) {
        if (message.length > IndependentHandshake.MAX_MESSAGE) {
            throw new IllegalArgumentException("Noise message of " + message.length + " bytes");
        }
        byte[] f = new byte[2 + message.length];
        f[0] = (byte) message.length;
        f[1] = (byte) (message.length >>> 8);
        System.arraycopy(message, 0, f, 2, message.length);
        return f;
    }

    private static byte[] readMessage(DataInputStream in) throws IOException {
        int lo = in.read();
        int hi = in.read();
        if (lo < 0 || hi < 0) {
            throw new EOFException("peer closed before a Noise message length");
        }
        byte[] m = new byte[lo | hi << 8];
        in.readFully(m);
        return m;
    }

    /** Closes the socket. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
