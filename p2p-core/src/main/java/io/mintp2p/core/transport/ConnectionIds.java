package io.mintp2p.core.transport;

import java.util.concurrent.atomic.AtomicLong;

/** Hands out {@link Connection#id()}s unique in the JVM, across every transport instance. */
public final class ConnectionIds {
    private static final AtomicLong NEXT = new AtomicLong();

    private ConnectionIds() {
    }

    /**
     * The next id. Any thread.
     *
     * @return an id no other connection of this JVM has
     */
    public static long next() {
        return NEXT.incrementAndGet();
    }
}
