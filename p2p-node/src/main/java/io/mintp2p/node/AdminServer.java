package io.mintp2p.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerId;
import io.mintp2p.core.node.PeerSnapshot;
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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's admin HTTP API: JSON in and out, errors as {"error": ..., "status": ...}. */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    /** A request that cannot be served, with the HTTP status to answer. */
    static final class HttpError extends RuntimeException {
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @FunctionalInterface
    private interface Route {
        Object handle(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final NodeRuntime runtime;

    public AdminServer(InetSocketAddress bind, NodeRuntime runtime) throws IOException {
        this.runtime = runtime;
        this.server = HttpServer.create(bind, 64);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "mintp2p-admin");
            t.setDaemon(true);
            return t;
        }));
        route("/health", "GET", x -> health());
        route("/peers", "GET", x -> runtime.node().peers().stream().map(Json::peer).toList());
        route("/addresses", "GET", x -> addresses());
        route("/bans", "GET", x -> runtime.node().bans().stream().map(Json::ban).toList());
        route("/messages", "GET", x -> runtime.gossip().messages().stream().map(Json::gossip).toList());
        route("/connect", "POST", this::connect);
        route("/disconnect", "POST", this::disconnect);
        route("/ban", "POST", this::ban);
        route("/broadcast", "POST", this::broadcast);
        server.createContext("/metrics", x -> respond(x, 200, "text/plain; version=0.0.4; charset=utf-8",
                runtime.metrics().scrape()));
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void route(String path, String method, Route route) {
        server.createContext(path, exchange -> {
            try {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    throw new HttpError(404, "no such endpoint: " + exchange.getRequestURI().getPath());
                }
                if (!exchange.getRequestMethod().equals(method)) {
                    throw new HttpError(405, path + " takes " + method);
                }
                Object body = route.handle(exchange);
                respond(exchange, 200, "application/json", Json.MAPPER.writeValueAsString(body));
            } catch (HttpError e) {
                error(exchange, e.status, e.getMessage());
            } catch (Exception e) {
                log.warn("admin request {} failed", path, e);
                error(exchange, 500, String.valueOf(e.getMessage()));
            }
        });
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
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

    private static JsonNode body(HttpExchange exchange) {
        try {
            JsonNode node = Json.MAPPER.readTree(exchange.getRequestBody());
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

    private Map<String, Object> addresses() {
        var entries = runtime.node().addresses();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", entries.size());
        m.put("entries", entries.stream().map(Json::address).toList());
        return m;
    }

    private Object connect(HttpExchange exchange) throws Exception {
        TransportAddress address;
        try {
            address = TransportAddress.parse(field(body(exchange), "address"));
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

    private Object disconnect(HttpExchange exchange) {
        String peer = field(body(exchange), "peer");
        if (!peer.matches("peer-\\d+")) {
            throw new HttpError(400, "peer must look like peer-<n>, got " + peer);
        }
        PeerId id = new PeerId(Long.parseLong(peer.substring(5)));
        if (runtime.node().peers().stream().noneMatch(p -> p.id().equals(id))) {
            throw new HttpError(404, "no such peer: " + peer);
        }
        runtime.node().disconnect(id, "Manual disconnection");
        return Map.of("disconnected", peer);
    }

    private Object ban(HttpExchange exchange) {
        JsonNode body = body(exchange);
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
        runtime.node().ban(ip, duration, "banned by the operator");
        return Map.of("banned", ip.getHostAddress(), "until", Instant.now().plus(duration).toString());
    }

    private Object broadcast(HttpExchange exchange) throws Exception {
        String payload = field(body(exchange), "payload");
        if (payload.length() > GossipMessage.MAX_TEXT) {
            throw new HttpError(400, "payload longer than " + GossipMessage.MAX_TEXT + " characters");
        }
        Gossip.Published p = runtime.gossip().publish(payload).get(10, TimeUnit.SECONDS);
        return Map.of("id", p.id(), "sentTo", p.sentTo());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
