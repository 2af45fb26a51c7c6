package io.mintp2p.core.transport;

/** A transport that proves who we are (TLS): it knows our own identity. */
public interface AuthenticatingTransport extends Transport {
    /**
     * Our own identity, as peers see it. Any thread; does not block.
     *
     * @return the identity of our key
     */
    PeerIdentity localIdentity();
}
