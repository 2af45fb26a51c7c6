/**
 * The runnable node: {@code demo}, {@code run}, the admin commands, the admin HTTP API and Prometheus metrics.
 *
 * <p>An application, not a library: it exports nothing to everyone. The integration suite drives a node's admin
 * API with {@code AdminClient} and {@code AdminToken}, so the package is exported to it alone; picocli fills the
 * command classes' options by reflection, so the package is open to it.
 */
@SuppressWarnings({"requires-automatic", "module"}) // micrometer has no descriptor; p2p-it is compiled later
module io.mintp2p.node {
    requires io.mintp2p.core;
    requires io.mintp2p.inmemory;
    requires io.mintp2p.transport.tcp;
    requires io.mintp2p.transport.tls;
    requires io.mintp2p.transport.tor;
    requires info.picocli;
    requires ch.qos.logback.classic;
    requires com.fasterxml.jackson.databind;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires java.net.http;
    requires jdk.httpserver;
    requires org.slf4j;

    exports io.mintp2p.node to io.mintp2p.it;

    opens io.mintp2p.node to info.picocli;

    uses io.mintp2p.core.transport.TransportProvider;
}
