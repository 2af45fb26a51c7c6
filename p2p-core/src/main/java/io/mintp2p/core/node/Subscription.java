package io.mintp2p.core.node;

/** Stops a subscription. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
