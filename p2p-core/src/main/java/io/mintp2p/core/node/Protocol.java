package io.mintp2p.core.node;

import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.Services;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named, versioned set of message and request types sharing one service bit: what a node registers
 * once ({@code P2pModule.withProtocols}) and may {@link P2pNode#attach attach} per-peer hooks to. A peer
 * offers the protocol when its Hello advertises the protocol's service bit; our Hello advertises it
 * as soon as the protocol is registered. The version is metadata only (for logs and the application's
 * own checks): the Mintlayer Hello has no field for it, so peers never exchange it. Immutable and
 * thread-safe; compared by identity.
 */
public final class Protocol {
    private final String name;
    private final int version;
    private final ServiceFlags service;
    private final List<MessageType<?>> messageTypes;
    private final List<RequestType<?, ?>> requestTypes;
    private final ResponsePolicy responsePolicy;
    private final int maxInFlightPerPeer;
    private final int maxInFlightPerNode;
    private final int maxServedPerPeer;

    private Protocol(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.service = b.service;
        this.messageTypes = List.copyOf(b.messageTypes);
        this.requestTypes = List.copyOf(b.requestTypes);
        this.responsePolicy = b.responsePolicy;
        this.maxInFlightPerPeer = b.maxInFlightPerPeer;
        this.maxInFlightPerNode = b.maxInFlightPerNode;
        this.maxServedPerPeer = b.maxServedPerPeer;
    }

    /**
     * A builder of the protocol {@code name}, version {@code version} (metadata only), on the one
     * application bit {@code service}. Caller's thread.
     *
     * @throws IllegalArgumentException if {@code service} is not one application bit, or the version is negative
     * @param name    the protocol's name
     * @param version 0 or more
     * @param service the protocol's application bit
     * @return a new builder
     */
    public static Builder builder(String name, int version, ServiceFlags service) {
        return new Builder(name, version, service);
    }

    /**
     * The name, for logs and errors. Any thread.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The version: metadata only, never on the wire (see the class comment). Any thread.
     *
     * @return the version
     */
    public int version() {
        return version;
    }

    /**
     * The one application bit of every type of the protocol; a peer advertising it offers the protocol. Any thread.
     *
     * @return the bit
     */
    public ServiceFlags service() {
        return service;
    }

    /**
     * The plain message types (not those of the request types). Any thread.
     *
     * @return the types, unmodifiable
     */
    public List<MessageType<?>> messageTypes() {
        return messageTypes;
    }

    /**
     * The request types. Any thread.
     *
     * @return the types, unmodifiable
     */
    public List<RequestType<?, ?>> requestTypes() {
        return requestTypes;
    }

    /**
     * How the protocol's responders (and requesters over the served bound) are scored. Any thread.
     *
     * @return the policy
     */
    public ResponsePolicy responsePolicy() {
        return responsePolicy;
    }

    /**
     * Requests of this protocol we may have in flight to one peer. Any thread.
     *
     * @return the bound
     */
    public int maxInFlightPerPeer() {
        return maxInFlightPerPeer;
    }

    /**
     * Requests of this protocol we may have in flight to all peers together. Any thread.
     *
     * @return the bound
     */
    public int maxInFlightPerNode() {
        return maxInFlightPerNode;
    }

    /**
     * Requests of this protocol one peer may have waiting on our serving side. Any thread.
     *
     * @return the bound
     */
    public int maxServedPerPeer() {
        return maxServedPerPeer;
    }

    /** Every message type on the wire: the plain ones and both halves of each request type, once each. */
    List<MessageType<?>> wireTypes() {
        List<MessageType<?>> all = new ArrayList<>(messageTypes);
        for (RequestType<?, ?> r : requestTypes) {
            for (MessageType<?> t : List.of(r.requestWire(), r.responseWire())) {
                if (all.stream().noneMatch(x -> x == t)) {
                    all.add(t);
                }
            }
        }
        return all;
    }

    @Override
    public String toString() {
        return name + "/" + version;
    }

    /** Builds a {@link Protocol}; not thread-safe, used on one thread; nothing blocks. */
    public static final class Builder {
        private final String name;
        private final int version;
        private final ServiceFlags service;
        private final List<MessageType<?>> messageTypes = new ArrayList<>();
        private final List<RequestType<?, ?>> requestTypes = new ArrayList<>();
        private ResponsePolicy responsePolicy = ResponsePolicy.DEFAULT;
        private int maxInFlightPerPeer = 64;
        private int maxInFlightPerNode = 4096;
        private int maxServedPerPeer = 64;

        private Builder(String name, int version, ServiceFlags service) {
            this.name = Objects.requireNonNull(name, "name");
            if (version < 0) {
                throw new IllegalArgumentException("version must not be negative");
            }
            this.version = version;
            if (Long.bitCount(service.bits()) != 1 || service.lowestBit() < Services.FIRST_APPLICATION_BIT) {
                throw new IllegalArgumentException("the service of protocol '" + name + "' must be one application bit, got "
                        + service);
            }
            this.service = service;
        }

        /**
         * Adds plain message types (sent, broadcast and subscribed to as any registered type).
         *
         * @throws IllegalArgumentException if a type's service bit is not the protocol's
         * @param types the types
         * @return this builder
         */
        public Builder messages(MessageType<?>... types) {
            for (MessageType<?> t : types) {
                requireService(t.name(), t.service());
            }
            messageTypes.addAll(Arrays.asList(types));
            return this;
        }

        /**
         * Adds request types; the node registers their wire types.
         *
         * @throws IllegalArgumentException if a type's service bit is not the protocol's
         * @param types the types
         * @return this builder
         */
        public Builder requests(RequestType<?, ?>... types) {
            for (RequestType<?, ?> t : types) {
                requireService(t.name(), t.service());
            }
            requestTypes.addAll(Arrays.asList(types));
            return this;
        }

        /**
         * How responders are judged (default {@link ResponsePolicy#DEFAULT}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder responsePolicy(ResponsePolicy policy) {
            this.responsePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Bounds on our requests in flight (default 64 per peer, 4 096 per node); over them a request
         * fails with {@link RequestFailure#TOO_MANY_IN_FLIGHT} without being sent.
         *
         * @param perPeer to one peer; at least 1
         * @param perNode to all peers together; at least {@code perPeer}
         * @return this builder
         * @throws IllegalArgumentException if the bounds are out of range
         */
        public Builder maxRequestsInFlight(int perPeer, int perNode) {
            if (perPeer < 1 || perNode < perPeer) {
                throw new IllegalArgumentException("need 1 <= perPeer <= perNode, got " + perPeer + ", " + perNode);
            }
            this.maxInFlightPerPeer = perPeer;
            this.maxInFlightPerNode = perNode;
            return this;
        }

        /**
         * Bound on the requests one peer may have waiting on our serving side (default 64): a request
         * over it is dropped and reported as misbehaviour ({@code DisconnectReason.TOO_MANY_REQUESTS}).
         *
         * @param perPeer at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxServedInFlight(int perPeer) {
            if (perPeer < 1) {
                throw new IllegalArgumentException("maxServedInFlight must be at least 1");
            }
            this.maxServedPerPeer = perPeer;
            return this;
        }

        /**
         * The protocol, immutable.
         *
         * @throws IllegalArgumentException if two of its wire types share an index
         * @return the protocol
         */
        public Protocol build() {
            Protocol p = new Protocol(this);
            List<MessageType<?>> wire = p.wireTypes();
            for (int i = 0; i < wire.size(); i++) {
                for (int j = i + 1; j < wire.size(); j++) {
                    if (wire.get(i).index() == wire.get(j).index()) {
                        throw new IllegalArgumentException("protocol " + name + ": " + wire.get(i) + " and "
                                + wire.get(j) + " share an index");
                    }
                }
            }
            return p;
        }

        private void requireService(String what, ServiceFlags bit) {
            if (!bit.equals(service)) {
                throw new IllegalArgumentException(what + " has service " + bit + ", not the protocol's " + service);
            }
        }
    }
}
