/**
 * The reference chain node: the toy chain ({@code logic}, no network), its glue to mintp2p ({@code node})
 * and the command line ({@code app}). As a module, it compiles against the library's exported packages only.
 */
@SuppressWarnings("requires-transitive-automatic") // Guice (through p2p-core) has no descriptor, only a name
module io.mintp2p.examples.chain {
    requires transitive io.mintp2p.core; // its types are in this module's API (ChainWire, ChainNode)
    requires io.mintp2p.transport.tcp; // found through ServiceLoader by P2pNode.builder

    exports io.mintp2p.examples.chain.logic;
    exports io.mintp2p.examples.chain.node;
    exports io.mintp2p.examples.chain.app;
}
