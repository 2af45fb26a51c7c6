package io.mintp2p.it;

/**
 * A node of the user's own image: {@link NodeContainer} with nothing preset, as a plain type (no type
 * parameter to carry around, so {@code Topology<CustomNodeContainer>} and {@code List<CustomNodeContainer>}
 * read simply).
 * <pre>{@code
 * new CustomNodeContainer("node1", "mychain/node:dev").withP2pPort(4000)
 *         .withCommandLine(c -> List.of("--port", "4000", "--peers", String.join(",", c.bootNodes())))
 *         .waitingFor(Wait.forLogMessage(".*node ready.*", 1));
 * }</pre>
 * Threads and blocking as for {@link NodeContainer}; a subclass of the user's (adding typed options) extends
 * {@code NodeContainer<TheirClass>} instead, as {@link P2pNodeContainer} does.
 */
public class CustomNodeContainer extends NodeContainer<CustomNodeContainer> {
    /**
     * A node named {@code name} (its network alias) running {@code image}; set its p2p port before start. Does not block.
     *
     * @param name  the node's name and network alias
     * @param image the image's tag
     */
    public CustomNodeContainer(String name, String image) {
        super(name, image);
    }
}
