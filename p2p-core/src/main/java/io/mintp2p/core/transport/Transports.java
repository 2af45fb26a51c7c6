package io.mintp2p.core.transport;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Helpers to register transports with Guice and to find them on the class path. */
public final class Transports {
    private Transports() {
    }

    /**
     * The map every transport module adds itself to, keyed by scheme.
     *
     * @param binder the module's binder
     * @return the map binder, to add a binding to
     */
    public static MapBinder<String, Transport> mapBinder(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Transport.class);
    }

    /**
     * Modules of every {@link TransportProvider} on the class path. Reads the class path (blocking I/O); call it at start-up.
     *
     * @return one module per provider
     */
    public static List<Module> discoveredModules() {
        List<Module> modules = new ArrayList<>();
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            modules.add(provider.module());
        }
        return modules;
    }

    /**
     * The schemes of every {@link TransportProvider} on the class path. Reads the class path (blocking I/O); call it at start-up.
     *
     * @return the schemes, in discovery order
     */
    public static List<String> discoveredSchemes() {
        List<String> schemes = new ArrayList<>();
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            schemes.add(provider.scheme());
        }
        return schemes;
    }
}
