package io.mintp2p.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A client of the stock node's admin API (JSON over HTTP; {@code Authorization: Bearer <token>} on every
 * request when a token is given): {@code get("peers")}, {@code post("broadcast", Map.of("payload", "x"))},
 * {@code getText("metrics")}. Its own small client, so that p2p-it needs nothing of the node's internals.
 * Immutable; every method runs on the caller's thread and blocks until the node has answered (at most
 * {@value #TIMEOUT_SECONDS} s).
 */
public final class StockAdminClient {
    static final int TIMEOUT_SECONDS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final Optional<String> token;

    /**
     * A client of the API at {@code baseUrl} (e.g. {@code http://localhost:32768}), sending {@code token} if present.
     *
     * @param baseUrl the API's root
     * @param token   the node's admin token, if it needs one
     */
    public StockAdminClient(String baseUrl, Optional<String> token) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.token = token;
    }

    /** A token the stock node accepts (256 random bits, URL-safe base64: 43 printable characters). */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * GET {@code path} as JSON; an answer of 400 and up is an {@link IOException} with the node's error. Blocks.
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
     * POST {@code body} as JSON to {@code path}, the answer as JSON; 400 and up is an {@link IOException}. Blocks.
     *
     * @param path the route, such as {@code broadcast}
     * @param body serialised with Jackson
     * @return the answer's JSON
     * @throws IOException          if the node cannot be reached or answers with an error
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /**
     * GET {@code path} as text, whatever the status (for /metrics). Blocks.
     *
     * @param path the route
     * @return the answer's body
     * @throws IOException          if the node cannot be reached
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public String getText(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(TIMEOUT_SECONDS));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    private static JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() >= 400) {
            throw new IOException("node answered " + r.statusCode() + ": "
                    + (body != null && body.has("error") ? body.get("error").asText() : r.body()));
        }
        return body;
    }
}
