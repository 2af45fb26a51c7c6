package io.mintp2p.core.node;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.peers.IdentityPin;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The public face of one P2P node. All methods are thread-safe: they hand their work to the
 * node's event loop. Queries return snapshots.
 */
public interface P2pNode extends AutoCloseable {

    /** Binds the listeners, loads the address book, dials boot and reserved nodes. */
    CompletableFuture<Void> start();

    /** Says WillDisconnect where supported, closes every connection, persists state. */
    CompletableFuture<Void> stop();

    /** The bound listen addresses (real ports), after {@link #start()}. */
    List<TransportAddress> listenAddresses();

    /** Dials an address manually; completes with the peer once the handshake is accepted. */
    CompletableFuture<PeerSnapshot> connect(TransportAddress address);

    /**
     * Disconnects a peer for {@code DisconnectReason.MANUAL} ("Manual disconnection", plus
     * {@code detail} when not empty), telling it where its version allows.
     */
    void disconnect(PeerId peer, String detail);

    List<PeerSnapshot> peers();

    /** Known addresses: what the address book holds, for diagnostics and the admin API. */
    List<AddressBookEntry> addresses();

    /**
     * Sends to one peer; fails when the peer is gone or does not offer the type's service bit, and with
     * a {@code SendException} of {@code QUEUE_FULL} while the peer's send queue is above its high-water
     * mark (the room above it is kept for the control messages the node owes the peer, such as pongs).
     */
    <T> CompletableFuture<Void> send(PeerId peer, MessageType<T> type, T message);

    /**
     * Sends to one peer without a future, for senders that do not wait on each message (a stream of
     * messages, a relay): the typed result says at once whether the message was queued. On
     * {@link SendResult#QUEUE_FULL} wait for {@link #whenWritable} (or drop the peer); a message queued
     * and then lost because the connection closed is not reported. Runs on the caller's thread.
     *
     * @throws IllegalArgumentException if the type is not registered with this node
     */
    <T> SendResult trySend(PeerId peer, MessageType<T> type, T message);

    /**
     * Completes once the peer's send queue is below its low-water mark again (at once if it is, or if
     * the peer is gone: the next send says so), for a sender that got {@link SendResult#QUEUE_FULL} or
     * wants to stay under the queue's bound as raw Netty senders do with channel writability.
     */
    CompletableFuture<Void> whenWritable(PeerId peer);

    /**
     * Sends to every handshaken peer that offers the type's service bit, except {@code exclude}s;
     * completes with how many peers took it (a peer that does not read and whose queue is full is
     * skipped, see {@link PeerSnapshot#writable()}).
     */
    <T> CompletableFuture<Integer> broadcast(MessageType<T> type, T message, PeerId... exclude);

    <T> Subscription subscribe(MessageType<T> type, MessageHandler<T> handler);

    Subscription onPeerEvent(Consumer<PeerEvent> listener);

    /**
     * Bans an IP address (disconnecting its peers) for the given time. Runs on the node thread, then
     * on the node's state-writer thread; does not block the caller.
     *
     * @return completes when the ban is durable (on disk; at once without a data dir), fails if it
     *         could not be written
     */
    CompletableFuture<Void> ban(InetAddress address, Duration duration, String reason);

    /**
     * Lifts a ban. Runs on the node thread, then on the node's state-writer thread; does not block the caller.
     *
     * @return completes when that is durable, as for {@link #ban}
     */
    CompletableFuture<Void> unban(InetAddress address);

    List<BanEntry> bans();

    /**
     * Identities pinned at first use: for an authenticated transport (tls) the key a peer proved at
     * the first handshake to an address; later dials to that address refuse another key.
     */
    List<IdentityPin> identityPins();

    /**
     * Lifts the pin of an address whose key changed on purpose. Runs on the node thread, then on the
     * node's state-writer thread; does not block the caller.
     *
     * @return true when that is durable, false if the address had no pin; fails if it could not be written
     */
    CompletableFuture<Boolean> unpin(TransportAddress address);

    P2pConfig config();

    /** Message, handshake and dial counters since start. */
    NodeStats stats();

    @Override
    default void close() {
        stop().join();
    }
}
