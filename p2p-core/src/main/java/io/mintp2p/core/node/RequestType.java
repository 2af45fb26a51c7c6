package io.mintp2p.core.node;

import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.ServiceFlags;
import java.util.Objects;

/**
 * A request type bound to its response type, in one of two wire modes:
 * <ul>
 *   <li>{@link #correlated}: each request carries a u32 id and its response the same id, so many may be
 *       in flight to one peer and answered in any order (for the application's own protocols);</li>
 *   <li>{@link #ordered}: no id on the wire, as in the Mintlayer node's own request pairs (such as
 *       HeaderListRequest / HeaderList): at most one request of the type in flight per peer, and the
 *       next response message of the response type from that peer answers it.</li>
 * </ul>
 * Register it through a {@link Protocol}. Immutable and thread-safe; compared by identity.
 */
public final class RequestType<Q, R> {
    private final String name;
    private final boolean correlated;
    private final MessageType<?> requestWire;
    private final MessageType<?> responseWire;

    private RequestType(String name, boolean correlated, MessageType<?> requestWire, MessageType<?> responseWire) {
        this.name = name;
        this.correlated = correlated;
        this.requestWire = requestWire;
        this.responseWire = responseWire;
    }

    /**
     * A correlated pair. On the wire the request is message {@code requestIndex} whose body is a u32
     * request id (SCALE, little endian) then the request; the response is message {@code responseIndex},
     * the same id, then the response. The node registers these two message types itself (named
     * {@code name + ".request"} and {@code name + ".response"}).
     *
     * @throws IllegalArgumentException if the indices are equal or not 0-255, or {@code service} is not one application bit
     * @param <Q>           the request's type
     * @param <R>           the response's type
     * @param name          the type's name; its wire types get ".request" and ".response" after it
     * @param requestIndex  the request's message index
     * @param responseIndex the response's message index
     * @param service       the protocol's application bit
     * @param request       the request body's codec
     * @param response      the response body's codec
     * @return the request type
     */
    public static <Q, R> RequestType<Q, R> correlated(String name, int requestIndex, int responseIndex,
                                                      ServiceFlags service, ScaleCodec<Q> request,
                                                      ScaleCodec<R> response) {
        Objects.requireNonNull(name, "name");
        if (requestIndex == responseIndex) {
            throw new IllegalArgumentException("request and response of '" + name + "' share index " + requestIndex);
        }
        MessageType<Tagged<Q>> q = MessageType.of(requestIndex, name + ".request", service,
                Tagged.encoder(request), Tagged.decoder(request));
        MessageType<Tagged<R>> r = MessageType.of(responseIndex, name + ".response", service,
                Tagged.encoder(response), Tagged.decoder(response));
        return new RequestType<>(name, true, q, r);
    }

    /**
     * An ordered pair of existing message types (no id on the wire): at most one request of this type
     * in flight per peer (a second fails with {@link RequestFailure#ALREADY_IN_FLIGHT}, it is not
     * queued), and the next {@code response} from that peer answers it. A {@code response} from a peer
     * with no request in flight goes to its subscribers ({@link P2pNode#subscribe}) if there are any
     * (some protocols also send it unsolicited, as announcements), else it counts as an unexpected
     * response. Named after the request type.
     *
     * @throws IllegalArgumentException if the two types are the same or have different service bits
     * @param <Q>      the request's type
     * @param <R>      the response's type
     * @param request  the request's message type
     * @param response the response's message type
     * @return the request type
     */
    public static <Q, R> RequestType<Q, R> ordered(MessageType<Q> request, MessageType<R> response) {
        if (request == response || request.index() == response.index()) {
            throw new IllegalArgumentException("request and response must be two message types");
        }
        if (!request.service().equals(response.service())) {
            throw new IllegalArgumentException("request " + request + " and response " + response
                    + " must carry the same service bit");
        }
        return new RequestType<>(request.name(), false, request, response);
    }

    /**
     * The name (a correlated type's own, an ordered type's request type's). Any thread.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The service bit a peer must advertise to be asked (and which the node advertises to serve). Any thread.
     *
     * @return the request's bit
     */
    public ServiceFlags service() {
        return requestWire.service();
    }

    /**
     * Whether requests carry an id on the wire ({@link #correlated}) or are matched by type ({@link #ordered}). Any thread.
     *
     * @return true for {@link #correlated}
     */
    public boolean isCorrelated() {
        return correlated;
    }

    MessageType<?> requestWire() {
        return requestWire;
    }

    MessageType<?> responseWire() {
        return responseWire;
    }

    @Override
    public String toString() {
        return name + (correlated ? " (correlated " : " (ordered ") + requestWire.index() + "/" + responseWire.index() + ")";
    }
}
