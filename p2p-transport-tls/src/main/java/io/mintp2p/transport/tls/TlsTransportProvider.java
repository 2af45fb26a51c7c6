package io.mintp2p.transport.tls;

import com.google.inject.Module;
import io.mintp2p.core.transport.TransportProvider;

/** Makes "tls" discoverable through {@link java.util.ServiceLoader}. */
public final class TlsTransportProvider implements TransportProvider {
    @Override
    public String scheme() {
        return TlsTransport.SCHEME;
    }

    @Override
    public Module module() {
        return new TlsTransportModule();
    }
}
