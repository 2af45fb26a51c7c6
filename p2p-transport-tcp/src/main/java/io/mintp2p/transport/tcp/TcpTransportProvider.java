package io.mintp2p.transport.tcp;

import com.google.inject.Module;
import io.mintp2p.core.transport.TransportProvider;

/** Makes "tcp" discoverable through {@link java.util.ServiceLoader}. */
public final class TcpTransportProvider implements TransportProvider {
    @Override
    public String scheme() {
        return TcpTransport.SCHEME;
    }

    @Override
    public Module module() {
        return new TcpTransportModule();
    }
}
