package io.mintp2p.core.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node-wide set of the handshake nonces of our pending outbound connections. An inbound Hello
 * carrying one of them is our own dial coming back to us (WIRE.md 9, self-connection detection).
 * Thread-safe: a dial registers its nonce on its transport thread, where it says Hello; the node
 * thread checks inbound Hellos against it.
 */
public final class SelfConnectionGuard {
    private final Set<Long> pendingOutbound = ConcurrentHashMap.newKeySet();
    private final Set<Long> detectedSelf = ConcurrentHashMap.newKeySet();

    public void register(long nonce) {
        pendingOutbound.add(nonce);
    }

    public void release(long nonce) {
        pendingOutbound.remove(nonce);
        detectedSelf.remove(nonce);
    }

    /** Called for an inbound Hello; true (and remembered) when the nonce is one of ours. */
    public boolean isOwnDial(long nonce) {
        if (pendingOutbound.contains(nonce)) {
            detectedSelf.add(nonce);
            return true;
        }
        return false;
    }

    /** True when the outbound connection with this nonce turned out to reach ourselves. */
    public boolean wasSelf(long nonce) {
        return detectedSelf.contains(nonce);
    }
}
