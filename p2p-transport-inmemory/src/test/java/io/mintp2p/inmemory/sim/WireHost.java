package io.mintp2p.inmemory.sim;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.session.PeerSessionDriver;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.session.SelfConnectionGuard;
import io.mintp2p.core.session.SessionContext;
import io.mintp2p.core.session.SessionOutput;
import io.mintp2p.core.session.SessionSettings;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.inmemory.InMemoryTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulated host that is not a {@code P2pNode}: it speaks the wire protocol over raw in-memory
 * connections, with the real {@link io.mintp2p.core.session.PeerSession} doing the handshake and keepalive, and hands every
 * other message to its {@link Behaviour}. The raw material of attackers that answer and announce
 * what no honest node would, built on the public API only (the node has no hook for that).
 */
final class WireHost implements ConnectionHandler {
    /** What the host does once a peer is established, and with the messages it gets. */
    interface Behaviour {
        void established(Peer peer);

        void received(Peer peer, Message message);
    }

    /** One established (or handshaking) connection of the host. */
    final class Peer {
        final Connection connection;
        PeerSessionDriver session;
        boolean established;

        Peer(Connection connection) {
            this.connection = connection;
        }

        void send(Message message) {
            if (connection.isOpen()) {
                session.sendEstablished(message);
            }
        }
    }

    private final Simulation sim;
    private final String ip;
    private final Behaviour behaviour;
    private final SessionContext sessions;
    private final MessageCodec codec = MessageCodec.controlOnly();
    private final Map<Long, Peer> peers = new LinkedHashMap<>();
    private InMemoryTransport transport;

    WireHost(Simulation sim, String ip, Behaviour behaviour, long seed) {
        this.sim = sim;
        this.ip = ip;
        this.behaviour = behaviour;
        P2pConfig config = Simulation.configFor(ip).allowPrivateAddresses(false).build();
        this.sessions = new SessionContext(SessionSettings.from(config, 0), sim.scheduler(), new SplittableRandom(seed),
                new SelfConnectionGuard(), new TimerHeap(sim.scheduler()));
    }

    String ip() {
        return ip;
    }

    TransportAddress address() {
        return Simulation.address(ip);
    }

    /** Listens on {@code mem://ip:23031}. */
    void start() {
        transport = sim.network().transportFor(ip);
        transport.listen(address(), this).join();
    }

    void dial(TransportAddress remote) {
        transport.dial(remote, this);
    }

    List<Peer> establishedPeers() {
        List<Peer> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.established && p.connection.isOpen()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Runs {@code task} every {@code period} of virtual time, from one period from now on. */
    void every(Duration period, Runnable task) {
        sim.scheduler().schedule(period, () -> {
            task.run();
            every(period, task);
        });
    }

    @Override
    public void onOpen(Connection connection) {
        Peer peer = new Peer(connection);
        peer.session = new PeerSessionDriver(sessions, connection.direction(), connection.remote().toPeerAddress(),
                new Output(peer));
        peers.put(connection.id(), peer);
        peer.session.start();
    }

    @Override
    public void onFrame(Connection connection, ByteBuf payload) {
        Peer peer = peers.get(connection.id());
        Message message;
        try {
            message = codec.decode(payload);
        } catch (DecodeException e) {
            connection.close(CloseReason.of(DisconnectReason.DECODE_ERROR, e.getMessage()));
            return;
        } finally {
            payload.release();
        }
        if (peer != null) {
            peer.session.onMessage(message);
        }
    }

    @Override
    public void onClosed(Connection connection, CloseReason reason) {
        Peer peer = peers.remove(connection.id());
        if (peer != null) {
            peer.session.onTransportClosed();
        }
    }

    private final class Output implements SessionOutput {
        private final Peer peer;

        Output(Peer peer) {
            this.peer = peer;
        }

        @Override
        public void send(Message message) {
            peer.connection.send(codec.encode(message, ByteBufAllocator.DEFAULT));
        }

        @Override
        public void close(CloseReason reason) {
            peer.connection.close(reason);
        }

        @Override
        public void handshakeCompleted(RemoteHello remote) {
            peer.established = true;
            peer.connection.handshakeCompleted();
            behaviour.established(peer);
        }

        @Override
        public void received(Message message) {
            behaviour.received(peer, message);
        }

        @Override
        public void misbehaved(int score, CloseReason reason) {
            // The attacker keeps no scores.
        }

        @Override
        public void pingRoundTrip(Duration rtt) {
            // Nor ping times.
        }
    }
}
