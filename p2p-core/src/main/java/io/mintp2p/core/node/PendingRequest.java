package io.mintp2p.core.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One request of ours in flight: whoever removes it from its peer's {@link PeerProtocols} completes it. */
final class PendingRequest<R> {
    final RequestType<?, R> type;
    final int protocol;
    final Link link;
    final CompletableFuture<R> future = new CompletableFuture<>();
    /** The correlated id; -1 for an ordered request. */
    long id = -1;
    /** Set before the request is registered (the registration publishes it). */
    Duration timeout;
    /** When it times out, on the node clock's monotonic nanos; set with {@link #timeout}. */
    long deadlineNanos;

    PendingRequest(RequestType<?, R> type, int protocol, Link link) {
        this.type = type;
        this.protocol = protocol;
        this.link = link;
    }
}
