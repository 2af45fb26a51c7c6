package io.mintp2p.core.node;

/**
 * Whether the node is running: set by {@link NodeLifecycle} on the node thread, read by the transport
 * threads' callbacks (an inbound connection during shutdown is refused at once) and the node thread.
 */
final class RunState {
    private volatile boolean running;
    private volatile boolean stopped;

    boolean isRunning() {
        return running;
    }

    boolean hasStopped() {
        return stopped;
    }

    void running(boolean running) {
        this.running = running;
    }

    void stopping() {
        stopped = true;
    }
}
