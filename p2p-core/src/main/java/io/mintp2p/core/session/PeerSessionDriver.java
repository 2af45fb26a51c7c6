package io.mintp2p.core.session;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.PeerAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@link PeerSession} with its own {@link SessionDriver} calls, for a session that stands alone
 * (a test, a tool); a node keeps the session in its per-connection record instead, which implements
 * {@link DrivenSession} itself. Threads and locking as {@link SessionDriver} says.
 */
public final class PeerSessionDriver implements DrivenSession {
    private final SessionDriver driver;
    private final PeerSession session;
    private final SessionOutput out;
    private int heapIndex = -1;

    /** A session of a node whose sessions share {@code context}; it acts through {@code out}. */
    public PeerSessionDriver(SessionContext context, Direction direction, Optional<PeerAddress> remoteAddress,
                             SessionOutput out) {
        this.driver = new SessionDriver(context);
        this.session = new PeerSession(context.shared(), direction, remoteAddress);
        this.out = Objects.requireNonNull(out);
    }

    @Override
    public PeerSession session() {
        return session;
    }

    @Override
    public SessionOutput sessionOutput() {
        return out;
    }

    public PeerSession.State state() {
        return driver.state(this);
    }

    public boolean awaitsHello() {
        return driver.awaitsHello(this);
    }

    public boolean isEstablished() {
        return driver.isEstablished(this);
    }

    public int commonVersion() {
        return driver.commonVersion(this);
    }

    public boolean wasSelfConnection() {
        return driver.wasSelfConnection(this);
    }

    public void start() {
        driver.start(this);
    }

    public void onMessage(Message message) {
        driver.onMessage(this, message);
    }

    public void noteTraffic() {
        driver.noteTraffic(this);
    }

    public void onTransportClosed() {
        driver.onTransportClosed(this);
    }

    public void disconnect(CloseReason reason) {
        driver.disconnect(this, reason);
    }

    public void sendEstablished(Message message) {
        driver.sendEstablished(this, message);
    }

    @Override
    public void fire() {
        driver.fire(this);
    }

    @Override
    public int heapIndex() {
        return heapIndex;
    }

    @Override
    public void heapIndex(int index) {
        heapIndex = index;
    }
}
