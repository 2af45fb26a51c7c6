package io.mintp2p.core.transport;

import com.google.inject.Module;

/**
 * Makes a transport pluggable: found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.mintp2p.core.transport.TransportProvider}). Its module binds a
 * {@link Transport} into {@code MapBinder<String, Transport>} under {@link #scheme()}
 * (see {@link Transports#mapBinder}).
 */
public interface TransportProvider {
    String scheme();

    Module module();
}
