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
 * The public face of one P2P node. Every method may be called from any thread and none blocks the
 * caller, except {@link #close()} and {@link #unpin}. Each method says where its work runs: most hand
 * it to the node's event loop (the node thread, one serial context owning the peer state) and return
 * at once; the sending methods and reads of snapshots run on the caller's thread. Futures complete on
 * the thread named in each method, so a dependent stage added without an executor runs there and must
 * not block it.
 */
public interface P2pNode extends AutoCloseable {

    /**
     * A builder of a node with this configuration, for callers without dependency injection (with
     * Guice, {@link P2pModule} and the transports' modules do the same). Caller's thread; does not block.
     *
     * @param config the node's configuration
     * @return a new builder
     */
    static P2pNodeBuilder builder(P2pConfig config) {
        return new P2pNodeBuilder(config);
    }

    /**
     * Binds the listeners, loads the address book, dials boot and reserved nodes. Work runs on the node
     * thread; the future completes there once every listener is bound (or fails with the first bind
     * error, or {@link IllegalStateException} if the node was started or stopped before). Does not block.
     *
     * @return completes once every listener is bound
     */
    CompletableFuture<Void> start();

    /**
     * Says WillDisconnect where supported, closes every connection, persists state, stops the transports
     * and the default handler pool. Work runs on the node thread; the future completes there once every
     * connection closed or {@code disconnectTimeout} passed and the last save of peer state is written.
     * Then every thread the node made has been told to end (its event loop just after the future's
     * stages ran, the default handler pool once it ran the messages already handed to it, the state
     * writer, DNS lookups, the transports' event loops): they are gone moments later. A scheduler or
     * handler executor given to the node is not stopped. On a node whose own event loop ended, later
     * calls run their node-thread work on the caller's thread instead (and answer "not running").
     * Idempotent; does not block.
     *
     * @return completes once the node stopped
     */
    CompletableFuture<Void> stop();

    /**
     * The bound listen addresses (real ports) once {@link #start()} completed, else empty. Caller's thread; does not block.
     *
     * @return the bound addresses
     */
    List<TransportAddress> listenAddresses();

    /**
     * Dials an address manually. The transport is checked on the caller's thread (a scheme without one
     * fails the future with {@link IllegalArgumentException}); the dial runs on the node thread, and the
     * future completes there with the peer once its handshake was accepted. When the node already has an
     * outbound peer dialled at that address (an identity in {@code address}, if any, must be the one that
     * peer proved), the future completes with that peer and nothing is dialled; when a manual dial to the
     * address is under way, it completes with that dial's outcome. It fails when the dial or the handshake
     * fails, or the node is not running or stops first. Does not block.
     *
     * @param address the address to dial; an identity in it is pinned for this dial
     * @return completes with the accepted peer
     */
    CompletableFuture<PeerSnapshot> connect(TransportAddress address);

    /**
     * Disconnects a peer for {@code DisconnectReason.MANUAL} ("Manual disconnection", plus
     * {@code detail} when not empty), telling it where its version allows. Handed to the node thread;
     * returns at once (nothing happens if the peer is gone by then).
     *
     * @param peer   the peer
     * @param detail appended to the reason's text; may be empty
     */
    void disconnect(PeerId peer, String detail);

    /**
     * Reports that a peer misbehaved by the application's own rules (junk, a wrong answer), adding
     * {@code score} to its misbehaviour score exactly as the node's own checks do: a
     * {@link PeerEvent.Misbehaved} with {@code DisconnectReason.MISBEHAVIOUR} and {@code reason} (made
     * printable and cut to {@code CloseReason.MAX_DETAIL} characters) is published and counted, and
     * once the score reaches {@code discouragementThreshold} the peer is discouraged for
     * {@code discouragementDuration}: it and every connected peer its key covers are disconnected
     * ({@code DisconnectReason.DISCOURAGED}), automatic dials (reserved and boot nodes too) skip it and
     * an inbound connection recognised as it is refused. The key follows {@code discourageBy}: in AUTO
     * the identity it proved, else the address we dialled, else the listen address it announced, else
     * its remote host:port (weak: an unauthenticated inbound peer that announces nothing is not
     * recognised when it comes back); in IP mode its IP address. {@link #connect} still dials a
     * discouraged address.
     *
     * <p>Handed to the node thread; returns at once (nothing happens if the peer is gone by then).
     *
     * @throws IllegalArgumentException if {@code score} is negative
     * @param peer   the peer
     * @param score  what to add to its score; not negative
     * @param reason what it did, for the event and the log
     */
    void misbehaving(PeerId peer, int score, String reason);

    /**
     * Snapshots of the accepted peers. Caller's thread; does not block.
     *
     * @return one snapshot per accepted peer
     */
    List<PeerSnapshot> peers();

    /**
     * Known addresses: what the address book holds, for diagnostics and the admin API. Read on the node
     * thread; the future completes there. Does not block.
     *
     * @return completes with the entries
     */
    CompletableFuture<List<AddressBookEntry>> addresses();

    /**
     * Sends to one peer, as {@link #trySend} but with a future that completes once the message was
     * written to the connection (on the transport's I/O thread) and fails with a
     * {@link SendRefusedException} whose {@link SendRefusedException#outcome() outcome} says why it was
     * not sent: refused at once ({@link SendResult#NOT_CONNECTED}, {@link SendResult#SERVICE_NOT_OFFERED},
     * {@link SendResult#QUEUE_FULL}, {@link SendResult#TOO_LARGE}, {@link SendResult#CLOSED}) or queued
     * and lost because the connection closed first ({@link SendResult#CLOSED}). The future always holds
     * it as the cause of a {@code CompletionException}, so a stage sees the same either way (and
     * {@code join()} throws that, {@code get()} an {@code ExecutionException} with the same cause).
     * Encodes and queues on the caller's thread; does not block.
     *
     * <p>A sender keeping many futures outstanding (say a window of 4 096) meets the queue's bound well
     * before its window is used: {@code QUEUE_FULL} means "wait", not "fail". The pattern:
     * <pre>{@code
     * node.send(peer, type, m).exceptionallyCompose(e -> {   // e: a CompletionException
     *     if (e.getCause() instanceof SendRefusedException r && r.outcome() == SendResult.QUEUE_FULL) {
     *         return node.whenWritable(peer).thenCompose(w -> node.send(peer, type, m)); // retry once there is room
     *     }
     *     return CompletableFuture.failedFuture(e);
     * });
     * }</pre>
     * or, in a sending loop, stop at the first {@code QUEUE_FULL}, wait for {@link #whenWritable}, and
     * send that message again. The room above the bound is kept for the control messages the node owes
     * the peer (pongs, address answers). A stream that does not need to know when each message was
     * written costs less with {@link #trySend}.
     *
     * @throws IllegalArgumentException if the type is not registered with this node (a mistake, not an outcome)
     * @param <T>     the body's type
     * @param peer    the peer
     * @param type    a registered type
     * @param message the body
     * @return completes once written; fails as said above
     */
    <T> CompletableFuture<Void> send(PeerId peer, MessageType<T> type, T message);

    /**
     * Sends to one peer without a future, for senders that do not wait on each message (a stream of
     * messages, a relay): the typed result says at once whether the message was queued. On
     * {@link SendResult#QUEUE_FULL} wait for {@link #whenWritable} (or drop the peer); a message queued
     * and then lost because the connection closed is not reported. Encodes and queues on the caller's
     * thread; does not block.
     *
     * @throws IllegalArgumentException if the type is not registered with this node
     * @param <T>     the body's type
     * @param peer    the peer
     * @param type    a registered type
     * @param message the body
     * @return {@link SendResult#QUEUED} if queued, else why not
     */
    <T> SendResult trySend(PeerId peer, MessageType<T> type, T message);

    /**
     * Completes once the peer's send queue is below its low-water mark again (at once if it is, or if
     * the peer is gone: the next send says so), for a sender that got {@link SendResult#QUEUE_FULL} or
     * wants to stay under the queue's bound as raw Netty senders do with channel writability. Completes
     * on the transport's I/O thread (or the caller's, when at once); does not block.
     *
     * @param peer the peer
     * @return completes when there is room
     */
    CompletableFuture<Void> whenWritable(PeerId peer);

    /**
     * Sends to every accepted peer that offers the type's service bit, except {@code exclude}s, and
     * returns how many peers it was queued for: a peer whose queue is full (it does not read, see
     * {@link PeerSnapshot#writable()}) or whose connection is closing is skipped. The message is encoded
     * once and queued for each peer on the caller's thread; the count says nothing of what was written
     * yet. Does not block.
     *
     * @throws IllegalArgumentException if the type is not registered with this node or the encoded
     *                                  message is larger than a frame may be
     * @param <T>     the body's type
     * @param type    a registered type
     * @param message the body
     * @param exclude peers not to send to (typically the one it came from)
     * @return how many peers it was queued for
     */
    <T> int broadcast(MessageType<T> type, T message, PeerId... exclude);

    /**
     * Adds a handler for messages of {@code type} from any peer; closing the subscription removes it.
     * Handlers run on the handler pool (see {@link MessageHandler}). Caller's thread; does not block.
     *
     * @throws IllegalArgumentException if the type is not registered with this node
     * @param <T>     the body's type
     * @param type    a registered type
     * @param handler called for each message of the type
     * @return closing it removes the handler
     */
    <T> Subscription subscribe(MessageType<T> type, MessageHandler<T> handler);

    /**
     * Sends a request to one peer and returns a future of its response. The protocol holding
     * {@code type} bounds the requests in flight (per peer and per node) and judges the responder
     * ({@link ResponsePolicy}). The future fails with a {@link RequestFailedException} (always as the
     * cause of a {@code CompletionException}, as for {@link #send}) whose {@link RequestFailedException#failure()
     * failure} says why: at once for {@link RequestFailure#NOT_CONNECTED}, {@link RequestFailure#SERVICE_NOT_OFFERED},
     * {@link RequestFailure#TOO_MANY_IN_FLIGHT}, {@link RequestFailure#ALREADY_IN_FLIGHT} (an ordered type),
     * {@link RequestFailure#SEND_REFUSED} (with the {@link SendResult}) and {@link RequestFailure#NODE_STOPPED};
     * later for {@link RequestFailure#TIMEOUT}, {@link RequestFailure#DISCONNECTED} and
     * {@link RequestFailure#NODE_STOPPED}.
     *
     * <p>Threads. Encodes and queues on the caller's thread; does not block. The response completes
     * the future on the transport's I/O thread that decoded it (the node thread while the peer's frames
     * go through it), never through the peer's handler queue: so a {@link MessageHandler} or
     * {@link RequestHandler} of peer P may block on {@code request(P, ...).join()} and still gets the
     * answer, even with every handler-pool thread blocked that way. Timeouts, disconnects and stop
     * fail it on the node thread. A stage added without an executor runs on those threads and must
     * not block them: use the {@code *Async} variants with an executor for heavy work. A handler
     * blocked on a response holds its peer's queue: if the peer sends more than its read budget
     * meanwhile, the node stops reading from it and the response waits behind, until the timeout.
     *
     * @throws IllegalArgumentException if the type is not registered with this node (a mistake, not an
     *                                  outcome) or the timeout is not positive
     * @param <Q>     the request's type
     * @param <R>     the response's type
     * @param peer    the peer to ask
     * @param type    a registered request type
     * @param request the request's body
     * @param timeout how long to wait for the response; positive
     * @return completes with the response
     */
    <Q, R> CompletableFuture<R> request(PeerId peer, RequestType<Q, R> type, Q request, Duration timeout);

    /**
     * Serves requests of {@code type} from every peer with {@code handler} until the subscription is
     * closed; one server per type. Handlers run on the handler pool in the requesting peer's order (see
     * {@link RequestHandler}); the response leaves when the handler's stage completes. Requests of a
     * type nobody serves are dropped (ordered ones go to the type's subscribers, if any). Caller's
     * thread; does not block.
     *
     * @throws IllegalArgumentException if the type is not registered with this node or already served
     * @param <Q>     the request's type
     * @param <R>     the response's type
     * @param type    a registered request type
     * @param handler answers each request
     * @return closing it stops serving
     */
    <Q, R> Subscription serve(RequestType<Q, R> type, RequestHandler<Q, R> handler);

    /**
     * Attaches per-peer hooks to a registered protocol: for every accepted peer offering it,
     * {@link ProtocolHooks#onConnected} before the peer's first message reaches a handler and
     * {@link ProtocolHooks#onDisconnected} after its last, on the handler pool in that peer's order.
     * The returned view reads the peers and their states from any thread. Caller's thread; does not block.
     *
     * @throws IllegalStateException    if the node was started already
     * @throws IllegalArgumentException if the protocol is not registered with this node or has hooks already
     * @param <S>      the per-peer state's type
     * @param protocol a registered protocol
     * @param hooks    called as peers offering it come and go
     * @return a view of those peers and their states
     */
    <S> ProtocolPeers<S> attach(Protocol protocol, ProtocolHooks<S> hooks);

    /**
     * Adds a listener of peer events; closing the subscription removes it. Listeners run on the node
     * thread, one event at a time, in the order the node decided the events, and must not block it (a
     * listener that throws is logged, the others still hear the event). A listener added or removed
     * while an event is being published may or may not hear that one; it hears every later one.
     *
     * <p>Ordering against messages: a peer's {@link PeerEvent.Connected} is published after the node
     * accepted it, but its messages go to the handlers from then on without waiting for the listeners:
     * a handler may see a peer's first message before a listener heard it connect. Likewise messages
     * already handed to the handlers when the peer left still reach them, possibly after its
     * {@link PeerEvent.Disconnected} was heard. A peer's {@code Disconnected} comes after its
     * {@code Connected}; a connection that never became a peer gets one {@link PeerEvent.HandshakeFailed}
     * instead. Caller's thread; does not block.
     *
     * @param listener hears every later peer event
     * @return closing it removes the listener
     */
    Subscription onPeerEvent(Consumer<PeerEvent> listener);

    /**
     * Bans an IP address (disconnecting its peers) for the given time. Runs on the node thread, then
     * on the node's state-writer thread; does not block the caller.
     *
     * @return completes when the ban is durable (on disk; at once without a data dir), fails if it
     *         could not be written
     * @param address  the IP to ban
     * @param duration how long
     * @param reason   for the ban list and the log
     */
    CompletableFuture<Void> ban(InetAddress address, Duration duration, String reason);

    /**
     * Lifts a ban. Runs on the node thread, then on the node's state-writer thread; does not block the caller.
     *
     * @return completes when that is durable, as for {@link #ban}
     * @param address the banned IP
     */
    CompletableFuture<Void> unban(InetAddress address);

    /**
     * The IP addresses banned now. Read on the node thread; the future completes there. Does not block.
     *
     * @return completes with the bans
     */
    CompletableFuture<List<BanEntry>> bans();

    /**
     * Identities pinned at first use: for an authenticated transport (tls) the key a peer proved at
     * the first handshake to an address; later dials to that address refuse another key. Read on the
     * node thread; the future completes there. Does not block.
     *
     * @return completes with the pins
     */
    CompletableFuture<List<IdentityPin>> identityPins();

    /**
     * Lifts the pin of an address whose key changed on purpose. Runs on the node thread, then on the
     * node's state-writer thread; does not block the caller.
     *
     * @return true when that is durable, false if the address had no pin; fails if it could not be written
     * @param address the pinned address
     */
    CompletableFuture<Boolean> unpin(TransportAddress address);

    /**
     * The configuration the node was built with. Caller's thread; does not block.
     *
     * @return the configuration
     */
    P2pConfig config();

    /**
     * Message, handshake and dial counters since start, as a snapshot. Caller's thread; does not block.
     *
     * @return a snapshot of the counters
     */
    NodeStats stats();

    /** {@link #stop()}, and blocks the caller until it completed; not to be called on the node thread. */
    @Override
    default void close() {
        stop().join();
    }
}
