package io.mintp2p.node;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks an admin request passes before a handler sees it: Host and Origin (403), the bearer
 * token (401), a JSON content type (415) and a bounded body (413).
 */
final class AdminRequestGuard {
    /** Far more than any admin request needs; bounds the memory one request can take. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final AdminHosts hosts;
    private final AdminToken token;

    AdminRequestGuard(AdminHosts hosts, AdminToken token) {
        this.hosts = hosts;
        this.token = token;
    }

    /**
     * Refuses requests a web page made the browser send: a foreign {@code Host} (DNS rebinding) or
     * a foreign {@code Origin} (a cross-site form or fetch).
     */
    void checkCaller(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        if (!hosts.allowsHost(Optional.ofNullable(headers.getFirst("Host")))) {
            throw new HttpError(403, "Host " + headers.getFirst("Host") + " is not this node's admin address");
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !hosts.allowsOrigin(origin)) {
            throw new HttpError(403, "requests from Origin " + origin + " are not accepted");
        }
    }

    void checkToken(HttpExchange exchange) {
        if (!token.acceptsHeader(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")))) {
            throw new HttpError(401, "missing or wrong admin token: send 'Authorization: Bearer <token>' with the "
                    + "token of the node's data dir file " + AdminTokenFile.NAME + " (or of its --admin-token-file)");
        }
    }

    /** The body of a request that must be JSON, read only up to the limit. */
    byte[] jsonBody(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        String type = headers.getFirst("Content-Type");
        if (type == null || !type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            // Browsers send text/plain and form types cross-site without asking first (no CORS preflight).
            throw new HttpError(415, "the request body must be Content-Type: application/json, got " + type);
        }
        String length = headers.getFirst("Content-Length");
        if (length != null && tooLong(length)) {
            throw new HttpError(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1); // chunked bodies announce no length
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new HttpError(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            throw new HttpError(400, "bad Content-Length " + contentLength);
        }
    }
}
