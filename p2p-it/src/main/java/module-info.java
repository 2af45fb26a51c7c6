/**
 * The Testcontainers library for running p2p nodes in Docker: {@code NodeContainer} (any node image) and its
 * stock-node preset {@code P2pNodeContainer}, {@code Topology}, {@code NetworkConditions}, {@code Images}.
 * Exported to everyone: it is what a multi-container test is written with. It needs nothing of the stock node
 * but its jar (for the image) and its admin API over HTTP, so it does not require {@code io.mintp2p.node}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // testcontainers and docker-java have no descriptor
module io.mintp2p.it {
    requires transitive testcontainers;
    requires transitive com.github.dockerjava.api;
    requires transitive com.fasterxml.jackson.databind; // the stock admin client answers in JsonNode
    requires org.slf4j;
    requires java.net.http;

    exports io.mintp2p.it;
}
