package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start and stop: binds the listeners then starts the peer manager; at stop closes the listeners,
 * says goodbye to every peer, stops the peer manager, waits (on the scheduler, never blocking it) until
 * every connection reported closed or the disconnect timeout passed, then closes what is left, the
 * transports and the handler pool it owns, and once stopped ends the event-loop thread it owns.
 *
 * <p>Threads: {@link #start} and {@link #stop} may be called on any thread and return at once; their
 * work runs on the node thread and their futures complete there.
 */
final class NodeLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NodeLifecycle.class);

    private final RunState run;
    private final Scheduler scheduler;
    private final List<TransportAddress> listenAddresses;
    private final Function<TransportAddress, Transport> transportFor;
    private final Collection<Transport> transports;
    private final FrameRouter router;
    private final LinkTable links;
    private final PeerManager peerManager;
    private final MessageHandlerExecutor handlerExecutor;
    private final ManualDials manualDials;
    private final Duration disconnectTimeout;
    private final List<Listener> listeners = new ArrayList<>();
    private volatile List<TransportAddress> boundAddresses = List.of();
    private CompletableFuture<Void> stopFuture;
    /** The peer manager's last save at stop: {@link #stop()} completes after it too. */
    private CompletableFuture<Void> peerStateSaved = CompletableFuture.completedFuture(null);
    /** The node's own event loop, ended once {@link #stop()} completed; set before start, read on the node thread. */
    private volatile OwnedScheduler ownedScheduler = OwnedScheduler.NONE;

    NodeLifecycle(RunState run, Scheduler scheduler, List<TransportAddress> listenAddresses,
                  Function<TransportAddress, Transport> transportFor, Collection<Transport> transports,
                  FrameRouter router, LinkTable links, PeerManager peerManager, MessageHandlerExecutor handlerExecutor,
                  ManualDials manualDials, Duration disconnectTimeout) {
        this.run = run;
        this.scheduler = scheduler;
        this.listenAddresses = listenAddresses;
        this.transportFor = transportFor;
        this.transports = transports;
        this.router = router;
        this.links = links;
        this.peerManager = peerManager;
        this.handlerExecutor = handlerExecutor;
        this.manualDials = manualDials;
        this.disconnectTimeout = disconnectTimeout;
    }

    /** Before start: the node made its scheduler, and ends its thread once stopped. */
    void closeAfterStop(OwnedScheduler owned) {
        this.ownedScheduler = owned;
    }

    List<TransportAddress> boundAddresses() {
        return boundAddresses;
    }

    CompletableFuture<Void> start() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (run.isRunning() || run.hasStopped()) {
                started.completeExceptionally(new IllegalStateException("node already started or stopped"));
                return;
            }
            run.running(true);
            List<CompletableFuture<Listener>> binds = new ArrayList<>();
            for (TransportAddress address : listenAddresses) {
                binds.add(transportFor.apply(address).listen(address, router.forListener()));
            }
            CompletableFuture.allOf(binds.toArray(CompletableFuture[]::new)).whenComplete((ok, error) ->
                    scheduler.execute(() -> bound(binds, error, started)));
        });
        return started;
    }

    private void bound(List<CompletableFuture<Listener>> binds, Throwable error, CompletableFuture<Void> started) {
        if (error != null) {
            binds.stream().filter(f -> !f.isCompletedExceptionally()).forEach(f -> f.thenAccept(Listener::close));
            run.running(false);
            started.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error);
            return;
        }
        List<TransportAddress> bound = new ArrayList<>();
        for (CompletableFuture<Listener> f : binds) {
            Listener l = f.join();
            listeners.add(l);
            bound.add(l.localAddress());
            log.info("listening on {}", l.localAddress());
        }
        boundAddresses = List.copyOf(bound);
        peerManager.onListening(boundAddresses);
        peerManager.start();
        started.complete(null);
    }

    synchronized CompletableFuture<Void> stop() {
        if (stopFuture != null) {
            return stopFuture;
        }
        stopFuture = new CompletableFuture<>();
        run.stopping();
        scheduler.execute(() -> {
            run.running(false);
            listeners.forEach(Listener::close);
            listeners.clear();
            for (Link link : links.all()) {
                if (link.isTakenOn()) { // the others are refused when the node thread comes to them
                    link.disconnect(LinkPhases.SHUTDOWN);
                }
            }
            peerStateSaved = peerManager.stop();
            awaitLinksClosed(scheduler.clock().monotonicMillis() + disconnectTimeout.toMillis());
        });
        return stopFuture;
    }

    /** Completes {@link #stop()} once every connection reported closed, or at the deadline. */
    private void awaitLinksClosed(long deadlineMillis) {
        if (links.isEmpty() || scheduler.clock().monotonicMillis() >= deadlineMillis) {
            for (Link link : links.all()) {
                link.connection.close(LinkPhases.SHUTDOWN);
            }
            transports.forEach(Transport::close);
            handlerExecutor.shutdownIfOwned();
            manualDials.failAll();
            // The last save completes on the state writer's thread: back to the node thread, as promised.
            peerStateSaved.whenComplete((saved, error) -> scheduler.execute(this::stopped));
            return;
        }
        scheduler.schedule(Duration.ofMillis(20), () -> awaitLinksClosed(deadlineMillis));
    }

    /** Node thread: the stop future's stages run here first, then the node's own loop thread ends. */
    private void stopped() {
        stopFuture.complete(null);
        ownedScheduler.close();
    }
}
