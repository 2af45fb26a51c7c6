package io.mintp2p.core.wire;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The application message types a node understands, by {@code Message} enum index. Immutable and
 * thread-safe; clashes are refused when it is built, so a misconfigured node fails at start-up, not
 * on the wire. Refused: an index Mintlayer uses (0-13) or its test sentinel (255), an index already
 * registered, a name already registered. Allowed: any index 14-254 (64 and up by convention), and
 * any number of types on one service bit (a protocol's types normally share one). See
 * docs/message-types.md.
 */
public final class MessageRegistry {
    /** Indices Mintlayer uses: control messages 0,1,2,8,9,10,13; chain messages 3-7,11,12; 255 is its test sentinel. */
    private static final Set<Integer> RESERVED = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 255);

    private static final MessageRegistry EMPTY = new MessageRegistry(Map.of());

    private final Map<Integer, MessageType<?>> byIndex;
    /** The same, by index in an array: every send and every received message looks its type up, boxing nothing. */
    private final MessageType<?>[] table = new MessageType<?>[256];
    private final ServiceFlags serviceBits;

    private MessageRegistry(Map<Integer, MessageType<?>> byIndex) {
        this.byIndex = Collections.unmodifiableMap(new LinkedHashMap<>(byIndex));
        byIndex.forEach((index, type) -> table[index] = type);
        ServiceFlags bits = ServiceFlags.NONE;
        for (MessageType<?> t : byIndex.values()) {
            bits = bits.with(t.service());
        }
        this.serviceBits = bits;
    }

    /**
     * The registry of a node with no application types (control messages only).
     *
     * @return the shared empty registry
     */
    public static MessageRegistry empty() {
        return EMPTY;
    }

    /**
     * A builder to register types on, one thread at a time.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether {@code index} is Mintlayer's (0-13, 255), so no application type may use it. Any thread.
     *
     * @param index a message index
     * @return true for 0-13 and 255
     */
    public static boolean isReserved(int index) {
        return RESERVED.contains(index);
    }

    /**
     * The type registered at {@code index}, if any; any int is accepted. Any thread.
     *
     * @param index the index byte of a received payload
     * @return the type, or empty
     */
    public Optional<MessageType<?>> byIndex(int index) {
        return index >= 0 && index < table.length ? Optional.ofNullable(table[index]) : Optional.empty();
    }

    /**
     * Whether this very type (not merely one with its index) is registered. Any thread.
     *
     * @param type the type to look for
     * @return true if this instance is registered
     */
    public boolean contains(MessageType<?> type) {
        return table[type.index()] == type;
    }

    /**
     * The registered types, in registration order; unmodifiable.
     *
     * @return the types
     */
    public Collection<MessageType<?>> types() {
        return byIndex.values();
    }

    /**
     * Every registered type's service bit: what our Hello must advertise for them.
     *
     * @return the union of the types' bits
     */
    public ServiceFlags services() {
        return serviceBits;
    }

    /** Collects types for a {@link MessageRegistry}; not thread-safe. */
    public static final class Builder {
        private final Map<Integer, MessageType<?>> byIndex = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds {@code type}; other types may share its service bit.
         *
         * @throws IllegalArgumentException if its index is reserved or taken, or its name is taken
         * @param type the type to add
         * @return this builder
         */
        public Builder register(MessageType<?> type) {
            if (isReserved(type.index())) {
                throw new IllegalArgumentException("message type '" + type.name() + "' uses index " + type.index()
                        + ", which is reserved for Mintlayer's own messages (0-13 and 255); use 64 and up");
            }
            MessageType<?> clash = byIndex.get(type.index());
            if (clash != null) {
                throw new IllegalArgumentException("message types '" + clash.name() + "' and '" + type.name()
                        + "' both use index " + type.index());
            }
            for (MessageType<?> other : byIndex.values()) {
                if (other.name().equals(type.name())) {
                    throw new IllegalArgumentException("two message types are named '" + type.name()
                            + "' (indices " + other.index() + " and " + type.index() + ")");
                }
            }
            byIndex.put(type.index(), type);
            return this;
        }

        /**
         * {@link #register}s each type in order; fails on the first clash.
         *
         * @param types the types to add
         * @return this builder
         * @throws IllegalArgumentException on the first clash, as {@link #register}
         */
        public Builder registerAll(Iterable<? extends MessageType<?>> types) {
            for (MessageType<?> t : types) {
                register(t);
            }
            return this;
        }

        /**
         * The registry of the types registered so far; the builder may go on.
         *
         * @return an immutable registry
         */
        public MessageRegistry build() {
            return new MessageRegistry(byIndex);
        }
    }
}
