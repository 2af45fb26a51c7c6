package io.mintp2p.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.FastPathConnection;
import io.mintp2p.core.transport.SendException;
import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.core.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transport} must do, whatever carries the bytes: the transport SPI's conformance
 * suite (dial and accept, frame boundaries and limits, send outcomes, admission, close reasons,
 * read-completion runs, the fast path when offered). A transport's tests extend this class and say
 * how to make transports, where to bind, and how to wait (real time or virtual); JUnit Jupiter runs
 * the inherited tests on its test thread, which blocks while it waits for the transport.
 */
public abstract class TransportConformanceTest {
    /** The listening side of the current test, made by {@link #newTransport} before each test. */
    protected Transport server;
    /** The dialling side of the current test, made by {@link #newTransport} before each test. */
    protected Transport client;

    /** For subclasses: JUnit makes one instance per test. */
    protected TransportConformanceTest() {
    }

    /**
     * A new transport instance; each test makes a server and a client. Called on the test thread.
     *
     * @param role {@code "server"} or {@code "client"}, for names in logs and thread names
     * @return a transport not yet started
     */
    protected abstract Transport newTransport(String role);

    /**
     * Where the server listens. Called on the test thread.
     *
     * @return an address with a free port (port 0 where the transport supports it)
     */
    protected abstract TransportAddress bindAddress();

    /**
     * Where nothing listens, for the failed-dial tests. Called on the test thread.
     *
     * @return an address whose dial fails
     */
    protected abstract TransportAddress deadAddress();

    /**
     * Whether a connection's remote is the other side's socket (TCP, TLS, in-memory). Not so through a
     * proxy or an onion service, where the server sees the proxy's end (e.g. tor's loopback socket).
     *
     * @return {@code true} (the default) when the endpoint checks apply
     */
    protected boolean endpointsAreTheSocketsEnds() {
        return true;
    }

    /**
     * Waits until the condition holds: polls on real time, or runs a virtual clock. Fails the test after
     * a bound. Blocks the test thread.
     *
     * @param condition what to wait for; evaluated on the test thread
     */
    protected abstract void awaitUntil(BooleanSupplier condition);

    /**
     * Waits for a future of the transport with {@link #awaitUntil}, then returns its value. Blocks the
     * test thread.
     *
     * @param <T> the future's value type
     * @param future a future the transport completes
     * @return the future's value
     * @throws ExecutionException when the future failed
     * @throws InterruptedException when the test thread was interrupted
     */
    protected <T> T complete(CompletableFuture<T> future) throws ExecutionException, InterruptedException {
        awaitUntil(future::isDone);
        return future.get();
    }

    @BeforeEach
    void makeTransports() {
        server = newTransport("server");
        client = newTransport("client");
    }

    @AfterEach
    void closeTransports() {
        client.close();
        server.close();
    }

    private record Link(Listener listener, Connection clientSide, Connection serverSide,
                        RecordingHandler clientEvents, RecordingHandler serverEvents) {
    }

    /** A connection whose protocol handshake is done on both sides (full frame limits). */
    private Link connect() throws Exception {
        Link link = connectStrangers();
        link.clientSide().handshakeCompleted();
        link.serverSide().handshakeCompleted();
        return link;
    }

    /** A connection before the protocol handshake: pre-handshake limits apply. */
    private Link connectStrangers() throws Exception {
        RecordingHandler serverEvents = new RecordingHandler();
        RecordingHandler clientEvents = new RecordingHandler();
        Listener listener = complete(server.listen(bindAddress(), serverEvents));
        Connection c = complete(client.dial(listener.localAddress(), clientEvents));
        awaitUntil(() -> serverEvents.opened.size() == 1);
        return new Link(listener, c, serverEvents.opened.get(0), clientEvents, serverEvents);
    }

    private static SendFailure failureOf(CompletableFuture<Void> send) {
        try {
            send.get();
            throw new AssertionError("the send succeeded");
        } catch (ExecutionException e) {
            return ((SendException) e.getCause()).failure();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteBuf frame(int n, int size) {
        ByteBuf b = Unpooled.buffer(size);
        b.writeInt(n);
        b.writeZero(size - 4);
        return b;
    }

    @Test
    void dialledConnectionOpensOnBothSidesWithDirectionsAndAddresses() throws Exception {
        Link link = connect();
        assertThat(link.clientEvents().opened).containsExactly(link.clientSide());
        assertThat(link.clientSide().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(link.serverSide().direction()).isEqualTo(Direction.INBOUND);
        assertThat(link.clientSide().remote().port()).isEqualTo(link.listener().localAddress().port());
        if (endpointsAreTheSocketsEnds()) {
            assertThat(link.serverSide().remote().port()).isEqualTo(link.clientSide().local().port());
        }
        assertThat(link.clientSide().isOpen()).isTrue();
        assertThat(link.clientSide().id()).isNotEqualTo(link.serverSide().id());
    }

    /** A transport that offers the fast paths keeps what the handler attaches, per end, until taken off. */
    @Test
    void anAttachmentIsKeptUntilTakenOff() throws Exception {
        Link link = connect();
        FastPathConnection serverSide = fastPath(link.serverSide());
        Object state = new Object();
        serverSide.attach(state);
        assertThat(serverSide.attachment()).isSameAs(state);
        assertThat(fastPath(link.clientSide()).attachment()).as("the other end's is its own").isNull();
        serverSide.attach(null);
        assertThat(serverSide.attachment()).isNull();
    }

    /** Sends without a future keep the rules of {@link Connection#send}: order, typed refusals, the connection stays usable. */
    @Test
    void enqueuedFramesArriveInOrderAndRefusalsAreTyped() throws Exception {
        Link link = connect();
        FastPathConnection clientSide = fastPath(link.clientSide());
        int count = 500;
        for (int i = 0; i < count; i++) {
            assertThat(clientSide.enqueue(frame(i, 4 + (i % 50)))).isEmpty();
        }
        ByteBuf tooBig = Unpooled.wrappedBuffer(new byte[WireLimits.MAX_FRAME_PAYLOAD + 1]);
        assertThat(clientSide.enqueue(tooBig)).contains(SendFailure.TOO_LARGE);
        assertThat(tooBig.refCnt()).as("a refused payload is released").isZero();
        awaitUntil(() -> link.serverEvents().frames.size() == count);
        for (int i = 0; i < count; i++) {
            assertThat(ByteBuffer.wrap(link.serverEvents().frames.get(i)).getInt()).isEqualTo(i);
        }
        clientSide.close(CloseReason.of(DisconnectReason.MANUAL));
        awaitUntil(() -> link.clientEvents().closes.size() == 1);
        assertThat(clientSide.enqueue(frame(1, 8))).contains(SendFailure.CLOSED);
    }

    /** A transport that signals read completion does so after every run of frames, and before the close. */
    @Test
    void everyRunOfFramesEndsWithAReadCompletion() throws Exception {
        Link link = connect();
        Assumptions.assumeTrue(fastPath(link.serverSide()).signalsReadComplete(), "this transport does not signal read runs");
        int count = 200;
        for (int i = 0; i < count; i++) {
            link.clientSide().send(frame(i, 8));
        }
        awaitUntil(() -> link.serverEvents().framesAtReadComplete.contains(count));
        link.clientSide().send(frame(count, 8));
        link.clientSide().close(CloseReason.of(DisconnectReason.MANUAL));
        awaitUntil(() -> link.serverEvents().closes.size() == 1);
        assertThat(link.serverEvents().frames).hasSize(count + 1);
        assertThat(link.serverEvents().closedInTheMiddleOfARun).isFalse();
    }

    /** The connection's fast paths; the test is skipped for a transport that offers none. */
    private static FastPathConnection fastPath(Connection connection) {
        Assumptions.assumeTrue(connection instanceof FastPathConnection, "this transport offers no fast paths");
        return (FastPathConnection) connection;
    }

    @Test
    void framesArriveWholeAndInOrderBothWays() throws Exception {
        Link link = connect();
        int count = 1000;
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(link.clientSide().send(frame(i, 4 + (i % 50))));
            sends.add(link.serverSide().send(frame(i, 4 + (i % 70))));
        }
        awaitUntil(() -> link.serverEvents().frames.size() == count && link.clientEvents().frames.size() == count);
        for (int i = 0; i < count; i++) {
            assertThat(ByteBuffer.wrap(link.serverEvents().frames.get(i)).getInt()).isEqualTo(i);
            assertThat(link.serverEvents().frames.get(i)).hasSize(4 + (i % 50));
            assertThat(ByteBuffer.wrap(link.clientEvents().frames.get(i)).getInt()).isEqualTo(i);
        }
        awaitUntil(() -> sends.stream().allMatch(CompletableFuture::isDone));
        assertThat(sends).allMatch(f -> !f.isCompletedExceptionally());
        assertThat(link.serverEvents().frameBeforeOpen).isFalse();
        assertThat(link.clientSide().bytesOut()).isEqualTo(link.serverSide().bytesIn());
    }

    @Test
    void frameOfExactlyTheLimitIsDeliveredIntact() throws Exception {
        Link link = connect();
        byte[] big = new byte[WireLimits.MAX_FRAME_PAYLOAD];
        for (int i = 0; i < big.length; i += 4096) {
            big[i] = (byte) (i >>> 12);
        }
        complete(link.clientSide().send(Unpooled.wrappedBuffer(big)));
        awaitUntil(() -> link.serverEvents().frames.size() == 1);
        assertThat(Arrays.equals(link.serverEvents().frames.get(0), big)).isTrue();
    }

    @Test
    void frameOverTheLimitIsRefusedAndTheConnectionStaysUsable() throws Exception {
        Link link = connect();
        CompletableFuture<Void> tooBig = link.clientSide().send(Unpooled.wrappedBuffer(new byte[WireLimits.MAX_FRAME_PAYLOAD + 1]));
        awaitUntil(tooBig::isDone);
        assertThatThrownBy(tooBig::get).hasCauseInstanceOf(SendException.class).hasMessageContaining("exceeds");
        assertThat(failureOf(tooBig)).isEqualTo(SendFailure.TOO_LARGE);
        complete(link.clientSide().send(frame(7, 8)));
        awaitUntil(() -> link.serverEvents().frames.size() == 1);
        assertThat(link.clientSide().isOpen()).isTrue();
    }

    @Test
    void closeByTheClientReachesTheServerOnceAndLaterSendsFail() throws Exception {
        Link link = connect();
        complete(link.clientSide().send(frame(1, 8)));
        link.clientSide().close(CloseReason.of(DisconnectReason.MANUAL, "done"));
        awaitUntil(() -> link.serverEvents().closes.size() == 1 && link.clientEvents().closes.size() == 1);
        assertThat(link.serverEvents().frames).as("what was sent before the close arrives").hasSize(1);
        assertThat(link.clientEvents().closes.get(0)).isEqualTo(CloseReason.of(DisconnectReason.MANUAL, "done"));
        assertThat(link.serverEvents().closes.get(0).code()).isIn(DisconnectReason.PEER_CLOSED, DisconnectReason.IO_ERROR);
        CompletableFuture<Void> late = link.clientSide().send(frame(2, 8));
        awaitUntil(late::isDone);
        assertThat(late).isCompletedExceptionally();
        assertThat(link.serverEvents().closes).as("exactly once").hasSize(1);
        assertThat(link.serverEvents().closeOfUnknownConnection).as("the close names the opened object").isFalse();
        assertThat(link.clientEvents().closeOfUnknownConnection).as("the close names the opened object").isFalse();
    }

    @Test
    void closeByTheServerReachesTheClient() throws Exception {
        Link link = connect();
        link.serverSide().close(CloseReason.of(DisconnectReason.MANUAL, "go away"));
        awaitUntil(() -> link.clientEvents().closes.size() == 1);
        assertThat(link.clientSide().isOpen()).isFalse();
    }

    @Test
    void aStrangersFirstFrameOverThePreHandshakeLimitIsRefused() throws Exception {
        Link link = connectStrangers();
        link.clientSide().send(frame(1, WireLimits.MAX_PRE_HANDSHAKE_FRAME + 1));
        awaitUntil(() -> link.serverEvents().closes.size() == 1);
        assertThat(link.serverEvents().closes.get(0).code()).isEqualTo(DisconnectReason.FRAME_TOO_LARGE);
        assertThat(link.serverEvents().closes.get(0).banScore()).isEqualTo(100);
        assertThat(link.serverEvents().frames).isEmpty();
    }

    @Test
    void aLargeFrameAfterTheFirstWaitsForTheHandshake() throws Exception {
        Link link = connectStrangers();
        complete(link.clientSide().send(frame(1, 64)));
        awaitUntil(() -> link.serverEvents().frames.size() == 1);
        complete(link.clientSide().send(frame(2, 64 * 1024)));
        complete(link.clientSide().send(frame(3, 64)));
        link.serverSide().handshakeCompleted();
        awaitUntil(() -> link.serverEvents().frames.size() == 3);
        assertThat(link.serverEvents().frames).extracting(f -> ByteBuffer.wrap(f).getInt()).containsExactly(1, 2, 3);
        assertThat(link.serverSide().isOpen()).isTrue();
    }

    @Test
    void pausedReadingLosesNothingAndKeepsOrder() throws Exception {
        Link link = connect();
        link.serverSide().pauseReading();
        link.serverSide().pauseReading();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sends.add(link.clientSide().send(frame(i, 1024)));
        }
        link.serverSide().resumeReading();
        awaitUntil(() -> link.serverEvents().frames.size() == 100);
        assertThat(link.serverEvents().frames).extracting(f -> ByteBuffer.wrap(f).getInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
        awaitUntil(() -> sends.stream().allMatch(CompletableFuture::isDone));
        assertThat(link.clientSide().isWritable()).isTrue();
    }

    @Test
    void aRefusedConnectionNeverOpensOnTheServer() throws Exception {
        RecordingHandler refusing = new RecordingHandler() {
            @Override
            public Optional<CloseReason> admit(Connection pending) {
                admitted.add(pending.remote());
                return Optional.of(CloseReason.of(DisconnectReason.PENDING_LIMIT));
            }
        };
        Listener listener = complete(server.listen(bindAddress(), refusing));
        RecordingHandler clientEvents = new RecordingHandler();
        CompletableFuture<Connection> dial = client.dial(listener.localAddress(), clientEvents);
        awaitUntil(() -> dial.isDone() && (dial.isCompletedExceptionally() || clientEvents.closes.size() == 1));
        assertThat(refusing.admitted).as("admission saw the remote address").hasSize(1);
        assertThat(refusing.opened).isEmpty();
        assertThat(refusing.closes).as("a refused connection is never reported closed either").isEmpty();
    }

    @Test
    void sendAfterCloseFailsWithClosed() throws Exception {
        Link link = connect();
        link.clientSide().close(CloseReason.of(DisconnectReason.MANUAL));
        awaitUntil(() -> link.clientEvents().closes.size() == 1);
        CompletableFuture<Void> late = link.clientSide().send(frame(1, 8));
        awaitUntil(late::isDone);
        assertThatThrownBy(late::get).hasCauseInstanceOf(SendException.class);
        assertThat(failureOf(late)).isEqualTo(SendFailure.CLOSED);
    }

    @Test
    void dialToNothingFailsCleanly() {
        CompletableFuture<Connection> f = client.dial(deadAddress(), new RecordingHandler());
        awaitUntil(f::isDone);
        assertThatThrownBy(f::get).hasCauseInstanceOf(TransportException.class);
    }

    @Test
    void manyConcurrentConnections() throws Exception {
        RecordingHandler serverEvents = new RecordingHandler();
        Listener listener = complete(server.listen(bindAddress(), serverEvents));
        List<CompletableFuture<Connection>> dials = new ArrayList<>();
        RecordingHandler clientEvents = new RecordingHandler();
        for (int i = 0; i < 50; i++) {
            dials.add(client.dial(listener.localAddress(), clientEvents));
        }
        awaitUntil(() -> dials.stream().allMatch(CompletableFuture::isDone));
        for (int i = 0; i < dials.size(); i++) {
            dials.get(i).get().send(frame(i, 8));
        }
        awaitUntil(() -> serverEvents.frames.size() == 50);
        assertThat(serverEvents.opened).hasSize(50);
    }

    @Test
    void closedListenerRefusesNewConnectionsButKeepsOpenOnes() throws Exception {
        Link link = connect();
        link.listener().close();
        CompletableFuture<Connection> f = client.dial(link.listener().localAddress(), new RecordingHandler());
        awaitUntil(f::isDone);
        assertThat(f).isCompletedExceptionally();
        complete(link.clientSide().send(frame(3, 8)));
        awaitUntil(() -> link.serverEvents().frames.size() == 1);
    }

    @Test
    void closingTheTransportClosesItsConnections() throws Exception {
        Link link = connect();
        server.close();
        awaitUntil(() -> link.clientEvents().closes.size() == 1 && link.serverEvents().closes.size() == 1);
    }
}
