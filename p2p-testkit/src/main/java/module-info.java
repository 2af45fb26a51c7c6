/**
 * The test kit for those who extend mintp2p: the transport SPI's conformance suite
 * ({@code TransportConformanceTest}) and the recording handler it uses. A new transport's tests
 * extend the suite; depend on this module in test scope.
 */
module io.mintp2p.testkit {
    requires transitive io.mintp2p.core;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;

    exports io.mintp2p.testkit.transport;

    // JUnit calls the suite's package-private test methods by reflection.
    opens io.mintp2p.testkit.transport to org.junit.platform.commons;
}
