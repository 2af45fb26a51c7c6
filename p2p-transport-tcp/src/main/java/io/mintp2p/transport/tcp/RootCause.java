package io.mintp2p.transport.tcp;

/** The readable part of a failure: Netty wraps the cause that says what happened. */
final class RootCause {
    private RootCause() {
    }

    /** The innermost cause's message, or its class name if it has none. Any thread. */
    static String message(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
