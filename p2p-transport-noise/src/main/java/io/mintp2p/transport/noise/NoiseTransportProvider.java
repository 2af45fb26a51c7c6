package io.mintp2p.transport.noise;

import com.google.inject.Module;
import io.mintp2p.core.transport.TransportProvider;

/** Makes "noise" discoverable through {@link java.util.ServiceLoader}. Stateless; any thread; nothing blocks. */
public final class NoiseTransportProvider implements TransportProvider {
    /** {@value NoiseTransport#SCHEME}. */
    @Override
    public String scheme() {
        return NoiseTransport.SCHEME;
    }

    /** A new {@link NoiseTransportModule}. */
    @Override
    public Module module() {
        return new NoiseTransportModule();
    }
}
