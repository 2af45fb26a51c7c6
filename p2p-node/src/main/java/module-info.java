/**
 * The runnable node: {@code demo}, {@code run}, the admin commands, the admin HTTP API and Prometheus metrics.
 *
 * <p>An application, not a library: it exports nothing (the integration suite, p2p-it, drives its admin API over
 * HTTP with a client of its own). Picocli fills the command classes' options by reflection, so the package is open
 * to it.
 */
@SuppressWarnings("requires-automatic") // micrometer has no descriptor
module io.mintp2p.node {
    requires io.mintp2p.core;
    requires io.mintp2p.inmemory;
    requires io.mintp2p.transport.tcp;
    requires io.mintp2p.transport.tls;
    requires io.mintp2p.transport.noise;
    requires io.mintp2p.transport.tor;
    requires info.picocli;
    requires ch.qos.logback.classic;
    requires com.fasterxml.jackson.databind;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires java.net.http;
    requires jdk.httpserver;
    requires org.slf4j;

    opens io.mintp2p.node to info.picocli;

    uses io.mintp2p.core.transport.TransportProvider;
}
