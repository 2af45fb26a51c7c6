/**
 * The Testcontainers library for running mintp2p nodes in Docker: {@code P2pNodeContainer}, {@code Topology},
 * {@code NetworkConditions}, {@code Images}. Exported to everyone: it is what a multi-container test is written
 * with.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // testcontainers and docker-java have no descriptor
module io.mintp2p.it {
    requires io.mintp2p.node;
    requires transitive testcontainers;
    requires transitive com.github.dockerjava.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.mintp2p.it;
}
