package io.mintp2p.transport.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.SecureRandom;

/**
 * A Noise peer over a blocking socket, for tests that need to break the protocol on purpose: it runs the handshake
 * with the sans-I/O state machine, then writes records it builds itself (forged, empty, several frames each). Test
 * thread only; every call blocks on the socket.
 */
final class RawNoisePeer implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final NoiseHandshake handshake;
    private NoiseSession session;

    private RawNoisePeer(Socket socket, NoiseHandshake handshake) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.handshake = handshake;
    }

    /** Dials {@code port} on loopback from {@code localHost} (a 127.x source) as the Noise initiator. */
    static RawNoisePeer initiator(String localHost, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new java.net.InetSocketAddress(localHost, 0));
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(15_000);
        return new RawNoisePeer(s, NoiseHandshake.initiator(NoiseKeyPair.generate(new SecureRandom())));
    }

    /** The Noise responder on an accepted socket, with static key {@code key}. */
    static RawNoisePeer responder(Socket accepted, NoiseKeyPair key) throws IOException {
        accepted.setSoTimeout(15_000);
        return new RawNoisePeer(accepted, NoiseHandshake.responder(key));
    }

    /** Runs the three handshake messages. */
    RawNoisePeer handshake() throws IOException, NoiseException {
        while (!handshake.isComplete()) {
            if (handshake.isMyTurn()) {
                writeMessage(handshake.writeMessage(new byte[0]));
            } else {
                handshake.readMessage(readMessage());
            }
        }
        session = handshake.split();
        return this;
    }

    /** The handshake's first message only, then nothing: a truncated handshake. */
    void firstMessageOnly() throws IOException {
        writeMessage(handshake.writeMessage(new byte[0]));
    }

    byte[] remoteStatic() {
        return handshake.remoteStatic();
    }

    /** One record holding {@code plaintext} (1 to 65 519 bytes). */
    void writeRecord(byte[] plaintext) throws IOException, NoiseException {
        out.write(record(plaintext));
        out.flush();
    }

    /** One record holding {@code plaintext} with one bit of its tag flipped. */
    void writeForgedRecord(byte[] plaintext) throws IOException, NoiseException {
        byte[] r = record(plaintext);
        r[r.length - 1] ^= 1;
        out.write(r);
        out.flush();
    }

    /** A record of 16 bytes: a valid tag over no plaintext, which the Mintlayer node reads as end of stream. */
    void writeEmptyRecord() throws IOException {
        out.write(new byte[] {16, 0});
        out.write(new byte[16]);
        out.flush();
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The plaintext of the next record. */
    byte[] readRecord() throws IOException, NoiseException {
        byte[] body = readMessage();
        ByteBuf plain = Unpooled.buffer(body.length);
        session.decrypt(Unpooled.wrappedBuffer(body), body.length, plain);
        byte[] bytes = new byte[plain.readableBytes()];
        plain.readBytes(bytes);
        return bytes;
    }

    /** Whether the other side closes (end of stream or reset) within the socket timeout; what it sends is skipped. */
    boolean closedByRemote() throws IOException {
        InputStream raw = socket.getInputStream();
        try {
            while (raw.read() != -1) {
                // message 2 of a handshake we stopped, or anything else: only the close matters
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private byte[] record(byte[] plaintext) throws NoiseException {
        ByteBuf body = Unpooled.buffer(plaintext.length + NoiseSession.TAG);
        session.encrypt(Unpooled.wrappedBuffer(plaintext), plaintext.length, body);
        byte[] r = new byte[2 + body.readableBytes()];
        r[0] = (byte) body.readableBytes();
        r[1] = (byte) (body.readableBytes() >>> 8);
        body.readBytes(r, 2, body.readableBytes());
        return r;
    }

    private void writeMessage(byte[] message) throws IOException {
        out.write(new byte[] {(byte) message.length, (byte) (message.length >>> 8)});
        out.write(message);
        out.flush();
    }

    private byte[] readMessage() throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8;
        byte[] m = new byte[length];
        in.readFully(m);
        return m;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
