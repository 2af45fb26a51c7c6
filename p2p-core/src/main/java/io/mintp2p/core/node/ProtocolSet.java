package io.mintp2p.core.node;

import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageType;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocols a node registered, and what each wire type is to them (a request or a response of
 * which request type), looked up by message index without boxing on every received message.
 * Immutable; built once with the node.
 */
final class ProtocolSet {
    static final ProtocolSet EMPTY = new ProtocolSet(List.of());

    /** A wire type's part in a request type: request or response. */
    record Role(MessageType<?> wire, RequestType<?, ?> type, int protocol, boolean response) {
    }

    private final List<Protocol> protocols;
    private final Role[] roles = new Role[256];

    private ProtocolSet(List<Protocol> protocols) {
        this.protocols = List.copyOf(protocols);
        for (int i = 0; i < this.protocols.size(); i++) {
            for (RequestType<?, ?> t : this.protocols.get(i).requestTypes()) {
                put(new Role(t.requestWire(), t, i, false));
                put(new Role(t.responseWire(), t, i, true));
            }
        }
    }

    /**
     * @throws IllegalArgumentException if a protocol is given twice, two protocols share a service bit,
     *                                  or a wire type serves two request types
     */
    static ProtocolSet of(List<Protocol> protocols) {
        for (int i = 0; i < protocols.size(); i++) {
            for (int j = i + 1; j < protocols.size(); j++) {
                if (protocols.get(i) == protocols.get(j) || protocols.get(i).service().equals(protocols.get(j).service())) {
                    throw new IllegalArgumentException("protocols " + protocols.get(i) + " and " + protocols.get(j)
                            + " share the service bit " + protocols.get(i).service());
                }
            }
        }
        return protocols.isEmpty() ? EMPTY : new ProtocolSet(protocols);
    }

    private void put(Role role) {
        Role clash = roles[role.wire().index()];
        if (clash != null) {
            throw new IllegalArgumentException(role.wire() + " serves both " + clash.type() + " and " + role.type());
        }
        roles[role.wire().index()] = role;
    }

    List<Protocol> protocols() {
        return protocols;
    }

    int size() {
        return protocols.size();
    }

    Protocol get(int index) {
        return protocols.get(index);
    }

    /** The protocol's index, or -1 if it is not registered. */
    int indexOf(Protocol protocol) {
        for (int i = 0; i < protocols.size(); i++) {
            if (protocols.get(i) == protocol) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the protocol holding {@code type}, or -1 if none does. */
    int protocolOf(RequestType<?, ?> type) {
        Role r = roles[type.requestWire().index()];
        return r != null && r.type() == type ? r.protocol() : -1;
    }

    /** What a received type is to the registered request types; null: nothing (a plain message). */
    Role roleOf(MessageType<?> type) {
        Role r = roles[type.index()];
        return r != null && r.wire() == type ? r : null;
    }

    /** Every wire type of every protocol. */
    List<MessageType<?>> wireTypes() {
        List<MessageType<?>> all = new ArrayList<>();
        protocols.forEach(p -> all.addAll(p.wireTypes()));
        return all;
    }

    /** A request's or a response's message of {@code type} with {@code body} (the wire types are typed loosely here). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Message message(MessageType<?> type, Object body) {
        return ((MessageType) type).message(body);
    }
}
