package io.mintp2p.transport.tor;

import io.mintp2p.core.time.NodeThreads;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.core.wire.OnionV3;
import io.mintp2p.transport.tcp.TcpOptions;
import io.mintp2p.transport.tcp.TcpTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tor as a transport: TCP framing and admission reused whole; dials go through tor's SOCKS5 port
 * (names unresolved, one circuit per connection), and listening publishes an onion service that
 * forwards to a local socket. Addresses: {@code tor://<56 chars>.onion:port}, or any
 * {@code tor://host:port} reached through a Tor exit. To listen, {@code tor://127.0.0.1:<onion port>}
 * names the local IP tor forwards to and the onion's port; the listener then reports
 * {@code tor://<our onion>.onion:<onion port>}.
 */
public final class TorTransport extends TcpTransport {
    private static final Logger log = LoggerFactory.getLogger(TorTransport.class);
    /** The address scheme, {@code tor}. */
    public static final String SCHEME = TransportAddress.ONION_SCHEME;

    private final TorOptions tor;
    /** Names the thread that publishes an onion service (a blocking talk with tor's control port). */
    private final String publisherName;
    private final String node;
    private final Set<OnionListener> services = ConcurrentHashMap.newKeySet();

    /**
     * A Tor transport; starts the TCP transport's event loops but does not contact tor until the first dial or
     * listen. Any thread; does not block.
     *
     * @param tcp framing, limits and thread names, as for TCP
     * @param tor where tor's SOCKS and control ports are, and the timeouts
     */
    public TorTransport(TcpOptions tcp, TorOptions tor) {
        super(SCHEME, tcp, Optional.empty(), Optional.of(new IsolatingSocks5(tor.socks(), tor.connectTimeout())));
        this.tor = tor;
        this.node = tcp.nodeName().orElse(null);
        this.publisherName = tcp.nodeName().map(n -> NodeThreads.loopName(n) + "-tor-publish").orElse("tor-control-publish");
    }

    @Override
    public CompletableFuture<Connection> dial(TransportAddress remote, ConnectionHandler handler) {
        if (!remote.isOnion() && tor.onionOnly()) {
            return CompletableFuture.failedFuture(new TransportException("onion-only: not dialling " + remote
                    + " (not a .onion address)"));
        }
        if (remote.isOnion()) {
            try {
                OnionV3.parse(remote.host());
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(new TransportException("cannot dial " + remote + ": " + e.getMessage()));
            }
        }
        return dialRetryingFreshOnions(remote, handler, 0);
    }

    /**
     * A just-published onion may not be fetchable yet (its descriptor is still reaching the
     * directories: tor answers 0xF0): that is no sign of a dead address, so the dial is retried a few
     * times, 1, 2 then 4 s apart, before it fails and the peer manager backs the address off.
     */
    private CompletableFuture<Connection> dialRetryingFreshOnions(TransportAddress remote, ConnectionHandler handler,
                                                                  int retried) {
        return super.dial(remote, handler).exceptionallyCompose(e -> {
            Throwable explained = explain(e);
            if (retried >= DESCRIPTOR_RETRIES || socksStatus(unwrap(e)).orElse(-1) != DESCRIPTOR_NOT_FOUND) {
                return CompletableFuture.failedFuture(explained);
            }
            log.debug("{}: {}; retrying", remote, explained.getMessage());
            Executor later = CompletableFuture.delayedExecutor(1L << retried, TimeUnit.SECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(x -> dialRetryingFreshOnions(remote, handler, retried + 1));
        });
    }

    private static final int DESCRIPTOR_NOT_FOUND = 0xF0;
    private static final int DESCRIPTOR_RETRIES = 3;

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** The SOCKS5 reply status of a refused proxy connection, when Netty's message names one. */
    private static OptionalInt socksStatus(Throwable cause) {
        Matcher m = SOCKS_STATUS.matcher(String.valueOf(cause.getMessage()));
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** tor's SOCKS5 extended errors (SocksPort ... ExtendedErrors), which Netty shows only as numbers. */
    private static final Map<Integer, String> ONION_ERRORS = Map.of(DESCRIPTOR_NOT_FOUND, "onion descriptor not found",
            0xF1, "onion descriptor invalid", 0xF2, "onion introduction failed", 0xF3, "onion rendezvous failed",
            0xF4, "onion client authorization missing", 0xF5, "onion client authorization wrong",
            0xF6, "invalid onion address", 0xF7, "onion introduction timed out");
    private static final Pattern SOCKS_STATUS = Pattern.compile("status: UNKNOWN\\((\\d+)\\)");

    private Throwable explain(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause.getCause() instanceof ConnectException) {
            return new TransportException("tor's SOCKS port " + tor.socks().getHostString() + ":" + tor.socks().getPort()
                    + " does not answer (" + cause.getMessage() + "); is tor running? (see --tor-socks)", cause);
        }
        OptionalInt status = socksStatus(cause);
        if (status.isPresent() && ONION_ERRORS.containsKey(status.getAsInt())) {
            return new TransportException(ONION_ERRORS.get(status.getAsInt()) + ": " + cause.getMessage(), cause);
        }
        return cause;
    }

    @Override
    public CompletableFuture<Listener> listen(TransportAddress bind, ConnectionHandler handler) {
        Optional<InetAddress> local = bind.ipLiteral();
        if (!SCHEME.equals(bind.scheme()) || local.isEmpty() || bind.port() == 0) {
            return CompletableFuture.failedFuture(new TransportException("a tor listen address is tor://<local IP tor "
                    + "forwards to>:<onion port>, e.g. tor://127.0.0.1:13031; got " + bind));
        }
        return listenOn(new InetSocketAddress(local.get(), 0), handler, port -> TransportAddress.of(SCHEME,
                local.get().getHostAddress(), port))
                .thenCompose(socket -> CompletableFuture.supplyAsync(() -> publish(socket, bind.port()),
                        r -> (node != null ? NodeThreads.newThread(node, publisherName, r)
                                : new Thread(r, publisherName)).start()));
    }

    /** Blocking: creates the onion service in front of {@code socket} and waits until it is reachable. */
    private Listener publish(Listener socket, int onionPort) {
        TorControl control = null;
        try {
            control = TorControl.open(tor.control(), tor.controlPassword(), tor.publishTimeout());
            control.awaitBootstrapped(tor.publishTimeout());
            Optional<OnionKeyFile> keyFile = tor.keyDir().map(OnionKeyFile::new);
            Optional<String> stored = keyFile.flatMap(OnionKeyFile::read);
            TransportAddress target = socket.localAddress();
            Map<String, String> reply = control.addOnion(stored.orElse("NEW:ED25519-V3"), keyFile.isEmpty(), onionPort,
                    new InetSocketAddress(target.host(), target.port()));
            String serviceId = reply.get("onionAddress");
            if (stored.isEmpty()) {
                keyFile.ifPresent(f -> f.write(reply.get("onionPrivKey")));
            }
            control.awaitUploaded(serviceId, tor.publishTimeout());
            OnionListener listener = new OnionListener(TransportAddress.of(SCHEME, serviceId + ".onion", onionPort),
                    socket, control, serviceId);
            services.add(listener);
            log.info("onion service {} forwards to {}", listener.localAddress(), target);
            return listener;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (control != null) {
                control.close();
            }
            socket.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CompletionException(e instanceof TransportException ? e
                    : new TransportException("cannot publish the onion service: " + e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        services.forEach(OnionListener::close);
        super.close();
    }

    /** The onion service and the local socket behind it; closing removes both. */
    private final class OnionListener implements Listener {
        private final TransportAddress onion;
        private final Listener socket;
        private final TorControl control;
        private final String serviceId;

        OnionListener(TransportAddress onion, Listener socket, TorControl control, String serviceId) {
            this.onion = onion;
            this.socket = socket;
            this.control = control;
            this.serviceId = serviceId;
        }

        @Override
        public TransportAddress localAddress() {
            return onion;
        }

        @Override
        public void close() {
            if (services.remove(this)) {
                control.delOnion(serviceId);
                control.close();
                socket.close();
            }
        }
    }
}
