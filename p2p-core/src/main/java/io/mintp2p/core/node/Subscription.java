package io.mintp2p.core.node;

/** A handler or listener added to a node, until {@link #close()}d. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /**
     * Removes the handler or listener: it hears nothing handed over after this returns (one already
     * running finishes). Any thread; idempotent; does not block.
     */
    @Override
    void close();
}
