package io.mintp2p.core.transport;

/** A transport that proves who we are (TLS): it knows our own identity. */
public interface AuthenticatingTransport extends Transport {
    PeerIdentity localIdentity();
}
