package io.mintp2p.transport.tor;

import com.google.inject.Module;
import io.mintp2p.core.transport.TransportProvider;

/** Makes "tor" discoverable through {@link java.util.ServiceLoader}. */
public final class TorTransportProvider implements TransportProvider {
    @Override
    public String scheme() {
        return TorTransport.SCHEME;
    }

    @Override
    public Module module() {
        return new TorTransportModule();
    }
}
