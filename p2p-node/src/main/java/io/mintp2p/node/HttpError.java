package io.mintp2p.node;

/** An admin request that cannot be served, with the HTTP status to answer. */
final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
        // No stack trace: these are the client's mistakes, answered and logged in one line.
        super(message, null, false, false);
        this.status = status;
    }
}
