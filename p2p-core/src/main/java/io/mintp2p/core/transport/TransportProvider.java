package io.mintp2p.core.transport;

import com.google.inject.Module;

/**
 * Makes a transport pluggable: found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.mintp2p.core.transport.TransportProvider}). Its module binds a
 * {@link Transport} into {@code MapBinder<String, Transport>} under {@link #scheme()}
 * (see {@link Transports#mapBinder}).
 */
public interface TransportProvider {
    /**
     * The scheme of the transport the module binds. Called once at start-up, on the thread building the node.
     *
     * @return such as "tcp"
     */
    String scheme();

    /**
     * The Guice module that binds the transport. Called once at start-up, on the thread building the node.
     *
     * @return a new module
     */
    Module module();
}
