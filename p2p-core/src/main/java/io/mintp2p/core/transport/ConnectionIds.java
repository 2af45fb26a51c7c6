package io.mintp2p.core.transport;

import java.util.concurrent.atomic.AtomicLong;

/** Hands out {@link Connection#id()}s unique in the JVM, across every transport instance. */
public final class ConnectionIds {
    private static final AtomicLong NEXT = new AtomicLong();

    private ConnectionIds() {
    }

    public static long next() {
        return NEXT.incrementAndGet();
    }
}
