package io.mintp2p.transport.noise;

import com.google.inject.Module;
import io.mintp2p.core.transport.TransportProvider;

/** Makes "noise" discoverable through {@link java.util.ServiceLoader}. */
public final class NoiseTransportProvider implements TransportProvider {
    @Override
    public String scheme() {
        return NoiseTransport.SCHEME;
    }

    @Override
    public Module module() {
        return new NoiseTransportModule();
    }
}
