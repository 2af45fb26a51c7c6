package io.mintp2p.core.node;

import io.mintp2p.core.time.Cancellable;
import java.util.concurrent.CompletableFuture;

/** One request of ours in flight: whoever removes it from its peer's {@link PeerProtocols} completes it. */
final class PendingRequest<R> {
    final RequestType<?, R> type;
    final int protocol;
    final Link link;
    final CompletableFuture<R> future = new CompletableFuture<>();
    /** The correlated id; -1 for an ordered request. */
    long id = -1;
    /** The timeout task, set once it is scheduled (a response may come first: then the task finds nothing). */
    volatile Cancellable timer;

    PendingRequest(RequestType<?, R> type, int protocol, Link link) {
        this.type = type;
        this.protocol = protocol;
        this.link = link;
    }
}
