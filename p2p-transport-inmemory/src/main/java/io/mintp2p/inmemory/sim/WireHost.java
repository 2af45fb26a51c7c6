package io.mintp2p.inmemory.sim;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
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
 * A simulated host that is not a {@code P2pNode}: it speaks the control messages of the wire protocol
 * over raw in-memory connections (Hello or HelloAck as a regtest node would, an answer to every ping)
 * and hands every other message of an established peer to its {@link Behaviour}. The raw material of
 * attackers that answer and announce what no honest node would; it keeps no scores, timeouts or limits
 * of its own.
 *
 * <p>Threads: everything runs on the simulation's thread (callbacks from the in-memory network,
 * timers of its scheduler); call {@link #start}, {@link #dial} and {@link #every} on the thread that
 * drives the simulation. Nothing blocks.
 */
public final class WireHost implements ConnectionHandler {
    /** What the host does once a peer is established, and with the messages it gets; on the simulation's thread. */
    public interface Behaviour {
        /**
         * The handshake with {@code peer} is done (either direction).
         *
         * @param peer the connection, now established
         */
        void established(Peer peer);

        /**
         * A message from an established peer other than a handshake message or a ping.
         *
         * @param peer    who sent it
         * @param message the decoded message
         */
        void received(Peer peer, Message message);
    }

    /** One connection of the host, handshaking or established. */
    public final class Peer {
        private final Connection connection;
        private boolean established;

        private Peer(Connection connection) {
            this.connection = connection;
        }

        /**
         * The peer's listen address (its host, the simulation's port).
         *
         * @return the address
         */
        public TransportAddress listenAddress() {
            return connection.remote().withPort(Simulation.PORT);
        }

        /**
         * Whether the handshake is done and the connection still open.
         *
         * @return true while established
         */
        public boolean isEstablished() {
            return established && connection.isOpen();
        }

        /**
         * Sends {@code message} if the connection is still open (a send that fails is dropped). On the
         * simulation's thread; queues the frame and returns.
         *
         * @param message a control message (the host knows no application type)
         * @throws IllegalArgumentException for an application message
         */
        public void send(Message message) {
            if (connection.isOpen()) {
                connection.send(codec.encode(message, ByteBufAllocator.DEFAULT));
            }
        }
    }

    private final Simulation sim;
    private final String ip;
    private final Behaviour behaviour;
    private final P2pConfig config;
    private final SplittableRandom random;
    private final MessageCodec codec = MessageCodec.controlOnly();
    private final Map<Long, Peer> peers = new LinkedHashMap<>();
    private InMemoryTransport transport;

    /**
     * A host at {@code ip}, not listening until {@link #start}.
     *
     * @param sim       the simulation whose network and clock the host uses
     * @param ip        a host address not taken by a node or another host
     * @param behaviour what the host does with its established peers
     * @param seed      draws its handshake nonces
     */
    public WireHost(Simulation sim, String ip, Behaviour behaviour, long seed) {
        this.sim = sim;
        this.ip = ip;
        this.behaviour = behaviour;
        this.config = Simulation.configFor(ip).allowPrivateAddresses(false).build();
        this.random = new SplittableRandom(seed);
    }

    /**
     * The host's IP.
     *
     * @return its IP string
     */
    public String ip() {
        return ip;
    }

    /**
     * Where the host listens: {@code mem://ip:23031}.
     *
     * @return its listen address
     */
    public TransportAddress address() {
        return Simulation.address(ip);
    }

    /**
     * Listens on {@link #address()}; the in-memory bind completes at once, so this does not wait.
     *
     * @throws java.util.concurrent.CompletionException if the address is taken already
     */
    public void start() {
        transport = sim.network().transportFor(ip);
        transport.listen(address(), this).join();
    }

    /**
     * Dials {@code remote} and returns; the handshake follows when it answers, in virtual time.
     * Only after {@link #start}.
     *
     * @param remote the address to connect to
     */
    public void dial(TransportAddress remote) {
        transport.dial(remote, this);
    }

    /**
     * The established peers, in the order they connected.
     *
     * @return a new list
     */
    public List<Peer> establishedPeers() {
        List<Peer> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.isEstablished()) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Runs {@code task} on the simulation's thread every {@code period} of virtual time, from one
     * period from now on, for ever.
     *
     * @param period virtual time between runs
     * @param task   what to run
     */
    public void every(Duration period, Runnable task) {
        sim.scheduler().schedule(period, () -> {
            task.run();
            every(period, task);
        });
    }

    @Override
    public void onOpen(Connection connection) {
        Peer peer = new Peer(connection);
        peers.put(connection.id(), peer);
        if (connection.direction() == Direction.OUTBOUND) {
            peer.send(new Hello(config.protocolVersion(), config.network().magic(), config.services().bits(),
                    config.userAgent(), config.softwareVersion(), connection.remote().toPeerAddress(), unixSeconds(),
                    random.nextLong()));
        }
    }

    @Override
    public void onFrame(Connection connection, ByteBuf payload) {
        Message message;
        try {
            message = codec.decode(payload);
        } catch (DecodeException e) {
            connection.close(CloseReason.of(DisconnectReason.DECODE_ERROR, e.getMessage()));
            return;
        } finally {
            payload.release();
        }
        Peer peer = peers.get(connection.id());
        if (peer != null) {
            handle(peer, message);
        }
    }

    private void handle(Peer peer, Message message) {
        if (message instanceof PingRequest ping) {
            peer.send(new PingResponse(ping.nonce()));
        } else if (!peer.established && message instanceof Hello && peer.connection.direction() == Direction.INBOUND) {
            peer.send(new HelloAck(config.protocolVersion(), config.network().magic(), config.services().bits(),
                    config.userAgent(), config.softwareVersion(), peer.connection.remote().toPeerAddress(), unixSeconds()));
            establish(peer);
        } else if (!peer.established && message instanceof HelloAck && peer.connection.direction() == Direction.OUTBOUND) {
            establish(peer);
        } else if (peer.established && !(message instanceof Hello) && !(message instanceof HelloAck)) {
            behaviour.received(peer, message);
        }
    }

    private void establish(Peer peer) {
        peer.established = true;
        peer.connection.handshakeCompleted();
        behaviour.established(peer);
    }

    private long unixSeconds() {
        return sim.scheduler().clock().wallMillis() / 1000;
    }

    @Override
    public void onClosed(Connection connection, CloseReason reason) {
        peers.remove(connection.id());
    }
}
