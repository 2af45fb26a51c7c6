package io.mintp2p.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.TransportAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's admin HTTP API: JSON in and out, errors as {"error": ..., "status": ...}.
 *
 * <p>Every request must name this node in {@code Host} and, when it has one, in {@code Origin}
 * (403 otherwise, see {@link AdminHosts}). Every POST changes the node and needs the bearer token
 * (401) and a JSON body (415) of at most 64 KiB (413). {@code /health} and {@code /metrics} stay
 * open for orchestrators and Prometheus. The other GETs reveal who the node's peers are. Bound to
 * loopback they stay open: only this machine reaches them, where any user sees the node's
 * connections anyway (netstat), and the Host/Origin checks keep web pages out. Bound to any other
 * address they need the token, or anyone on the network could map the node's peers.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    /** What a route asks of a request before it runs. */
    private enum Access { OPEN, READ, WRITE }

    @FunctionalInterface
    private interface Route {
        /** {@code body} is the JSON object of a POST, null for a GET. */
        Object handle(JsonNode body) throws Exception;
    }

    /** A route's answer that is not JSON. */
    private record Text(String type, String body) {
    }

    private final HttpServer server;
    private final NodeRuntime runtime;
    private final AdminRequestGuard guard;
    private final boolean readsNeedToken;

    /**
     * Binds and starts serving on two daemon threads ({@code mintp2p-admin}). Blocks only to bind.
     *
     * @param binding where to listen and the token to require
     * @param runtime the node the routes read and change
     * @throws IOException if the address cannot be bound
     */
    public AdminServer(AdminBinding binding, NodeRuntime runtime) throws IOException {
        this.runtime = runtime;
        this.server = HttpServer.create(binding.address(), 64);
        InetSocketAddress bound = server.getAddress(); // the real port when asked for port 0
        this.guard = new AdminRequestGuard(new AdminHosts(bound), binding.token());
        this.readsNeedToken = !bound.getAddress().isLoopbackAddress();
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "mintp2p-admin");
            t.setDaemon(true);
            return t;
        }));
        route("/health", "GET", Access.OPEN, x -> health());
        route("/metrics", "GET", Access.OPEN, x -> new Text("text/plain; version=0.0.4; charset=utf-8",
                runtime.metrics().scrape()));
        route("/peers", "GET", Access.READ, x -> runtime.node().peers().stream().map(Json::peer).toList());
        route("/addresses", "GET", Access.READ, x -> addresses());
        route("/bans", "GET", Access.READ, x -> answer(runtime.node().bans()).stream().map(Json::ban).toList());
        route("/pins", "GET", Access.READ, x -> answer(runtime.node().identityPins()).stream().map(Json::pin).toList());
        route("/messages", "GET", Access.READ, x -> runtime.gossip().messages().stream().map(Json::gossip).toList());
        route("/connect", "POST", Access.WRITE, this::connect);
        route("/disconnect", "POST", Access.WRITE, this::disconnect);
        route("/ban", "POST", Access.WRITE, this::ban);
        route("/unpin", "POST", Access.WRITE, this::unpin);
        route("/broadcast", "POST", Access.WRITE, this::broadcast);
        server.start();
    }

    /**
     * Where the API listens. Any thread.
     *
     * @return the bound address, with the real port when port 0 was asked for
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void route(String path, String method, Access access, Route route) {
        server.createContext(path, exchange -> {
            try {
                guard.checkCaller(exchange);
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    throw new HttpError(404, "no such endpoint: " + exchange.getRequestURI().getPath());
                }
                if (!exchange.getRequestMethod().equals(method)) {
                    throw new HttpError(405, path + " takes " + method);
                }
                if (access == Access.WRITE || (access == Access.READ && readsNeedToken)) {
                    guard.checkToken(exchange);
                }
                Object answer = route.handle(access == Access.WRITE ? body(guard.jsonBody(exchange)) : null);
                if (answer instanceof Text text) {
                    respond(exchange, 200, text.type(), text.body());
                } else {
                    respond(exchange, 200, "application/json", Json.MAPPER.writeValueAsString(answer));
                }
            } catch (HttpError e) {
                // One debug line, no stack trace: a flood of bad requests must not flood the log.
                log.debug("admin {} {} refused with {}: {}", exchange.getRequestMethod(), path, e.status, e.getMessage());
                error(exchange, e.status, e.getMessage());
            } catch (Exception e) {
                log.warn("admin request {} failed", path, e);
                error(exchange, 500, String.valueOf(e.getMessage()));
            }
        });
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        respond(exchange, status, "application/json", Json.MAPPER.writeValueAsString(body));
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JsonNode body(byte[] bytes) {
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new HttpError(400, "the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new HttpError(400, "the request body is not JSON: " + e.getMessage());
        }
    }

    private static String field(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new HttpError(400, "missing string field '" + name + "'");
        }
        return v.asText();
    }

    private Map<String, Object> health() {
        P2pNode node = runtime.node();
        List<PeerSnapshot> peers = node.peers();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "UP");
        m.put("network", node.config().network().displayName());
        m.put("peers", peers.size());
        m.put("outbound", peers.stream().filter(p -> p.direction().name().equals("OUTBOUND")).count());
        m.put("inbound", peers.stream().filter(p -> p.direction().name().equals("INBOUND")).count());
        m.put("identity", runtime.identity().orElse(null));
        m.put("listen", node.listenAddresses().stream().map(Object::toString).toList());
        m.put("userAgent", node.config().userAgent());
        return m;
    }

    /**
     * Admin thread: the node's answer to a query, which the node thread gives; a node that does not
     * answer in 10 s is reported as unavailable rather than holding the admin thread.
     */
    private static <T> T answer(CompletableFuture<T> query) throws Exception {
        try {
            return query.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new HttpError(503, "the node did not answer in 10 s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Map<String, Object> addresses() throws Exception {
        var entries = answer(runtime.node().addresses());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", entries.size());
        m.put("entries", entries.stream().map(Json::address).toList());
        return m;
    }

    private Object connect(JsonNode body) throws Exception {
        TransportAddress address;
        try {
            address = TransportAddress.parse(field(body, "address"));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
        try {
            PeerSnapshot peer = runtime.node().connect(address).get(30, TimeUnit.SECONDS);
            return Map.of("peer", Json.peer(peer));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new HttpError(502, "could not connect to " + address + ": " + cause.getMessage());
        }
    }

    private Object disconnect(JsonNode body) {
        String peer = field(body, "peer");
        if (!peer.matches("peer-\\d+")) {
            throw new HttpError(400, "peer must look like peer-<n>, got " + peer);
        }
        PeerId id = new PeerId(Long.parseLong(peer.substring(5)));
        if (runtime.node().peers().stream().noneMatch(p -> p.id().equals(id))) {
            throw new HttpError(404, "no such peer: " + peer);
        }
        runtime.node().disconnect(id, "");
        return Map.of("disconnected", peer);
    }

    private Object ban(JsonNode body) {
        String text = field(body, "address");
        if (!text.matches("[0-9a-fA-F:.]+")) {
            throw new HttpError(400, "address must be an IP address, got " + text);
        }
        Duration duration;
        try {
            duration = body.has("duration") ? Durations.parse(body.get("duration").asText()) : Duration.ofHours(24);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(text);
        } catch (IOException e) {
            throw new HttpError(400, "not an IP address: " + text);
        }
        // 200 only once the ban is on disk: a crash right after the answer must not lose it.
        durable(runtime.node().ban(ip, duration, "banned by the operator"));
        return Map.of("banned", ip.getHostAddress(), "until", Instant.now().plus(duration).toString());
    }

    /** Lifts the identity pinned at first use for an address (the peer's key changed on purpose). */
    private Object unpin(JsonNode body) {
        TransportAddress address;
        try {
            address = TransportAddress.parse(field(body, "address"));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
        if (!durable(runtime.node().unpin(address))) {
            throw new HttpError(404, "no identity pinned for " + address.withoutIdentity());
        }
        return Map.of("unpinned", address.withoutIdentity().toString());
    }

    /** Waits (on the admin thread) for an operator action to be written; a failed write is a 500. */
    private static <T> T durable(CompletableFuture<T> written) {
        try {
            return written.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "interrupted before the change was saved");
        } catch (ExecutionException | TimeoutException e) {
            throw new HttpError(500, "the change could not be saved: " + (e.getCause() == null ? e : e.getCause()));
        }
    }

    private Object broadcast(JsonNode body) throws Exception {
        String payload = field(body, "payload");
        if (payload.length() > GossipMessage.MAX_TEXT) {
            throw new HttpError(400, "payload longer than " + GossipMessage.MAX_TEXT + " characters");
        }
        Gossip.Published p = runtime.gossip().publish(payload);
        return Map.of("id", p.id(), "sentTo", p.sentTo());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
