package io.mintp2p.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to a running node's admin API, sending its token (when it has one) on every request. Any thread; each
 * request blocks until the node answers (40 s at most).
 */
public final class AdminClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Optional<AdminToken> token;

    /**
     * Without a token: enough for /health, /metrics and, on loopback, the other GETs.
     *
     * @param baseUrl the admin API's root, such as {@code http://127.0.0.1:9100}
     */
    public AdminClient(String baseUrl) {
        this(baseUrl, Optional.empty());
    }

    /**
     * With the node's token, for every route.
     *
     * @param baseUrl the admin API's root
     * @param token   the node's admin token
     */
    public AdminClient(String baseUrl, AdminToken token) {
        this(baseUrl, Optional.of(token));
    }

    /**
     * With the node's token when present.
     *
     * @param baseUrl the admin API's root
     * @param token   the node's admin token, if known
     */
    public AdminClient(String baseUrl, Optional<AdminToken> token) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.token = token;
    }

    /**
     * GETs a JSON route. Blocks.
     *
     * @param path the route, such as {@code peers}
     * @return the answer's JSON
     * @throws IOException          if the node cannot be reached or answers with an error
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /**
     * POSTs {@code body} as JSON to a route. Blocks.
     *
     * @param path the route, such as {@code connect}
     * @param body serialised with Jackson
     * @return the answer's JSON
     * @throws IOException          if the node cannot be reached or answers with an error
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))));
    }

    /**
     * GETs a route that answers text (/metrics), whatever its status. Blocks.
     *
     * @param path the route
     * @return the answer's body
     * @throws IOException          if the node cannot be reached
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public String getText(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(40));
        token.ifPresent(t -> b.header("Authorization", t.headerValue()));
        return b;
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.MAPPER.readTree(r.body());
        if (r.statusCode() >= 400) {
            throw new IOException("node answered " + r.statusCode() + ": "
                    + (body != null && body.has("error") ? body.get("error").asText() : r.body()));
        }
        return body;
    }
}
