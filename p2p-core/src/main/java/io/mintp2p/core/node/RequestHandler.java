package io.mintp2p.core.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Serves one request type ({@link P2pNode#serve}). Runs on the handler pool in the requesting peer's
 * handler order, like a {@link MessageHandler}. It may answer at once ({@code completedStage(r)}) or
 * later: the stage may complete on any thread, and the node then sends the response if the peer is
 * still connected. A handler that throws, returns null, or whose stage fails or yields null sends no
 * response (the requester times out); that is logged. Until its stage completes the request counts
 * against the peer's {@link Protocol.Builder#maxServedInFlight} bound.
 */
@FunctionalInterface
public interface RequestHandler<Q, R> {
    /**
     * The response to {@code request} from {@code from} (a snapshot of the peer from about when it arrived).
     *
     * @param from    the requesting peer
     * @param request the request's body
     * @return the response, now or later
     */
    CompletionStage<R> onRequest(PeerSnapshot from, Q request);

    /**
     * Convenience: a handler answering at once with the function's value.
     *
     * @param <Q> the request's type
     * @param <R> the response's type
     * @param f   makes the response from the peer and the request; runs on the handler pool
     * @return the handler
     */
    static <Q, R> RequestHandler<Q, R> answering(BiFunction<PeerSnapshot, Q, R> f) {
        return (from, q) -> CompletableFuture.completedFuture(f.apply(from, q));
    }
}
