package io.mintp2p.it;

import java.util.List;

/**
 * A node's command line as a function of its container: its name, p2p port, transport and boot
 * addresses are known by then. Given to {@link NodeContainer#withCommandLine}:
 * <pre>{@code
 * c -> List.of("--port", String.valueOf(c.p2pPort()), "--connect", String.join(",", c.bootNodes()))
 * }</pre>
 */
@FunctionalInterface
public interface NodeCommand {
    /**
     * The arguments after the image's entrypoint. Called once per start, on the starting thread; must not block.
     *
     * @param node the container about to start
     * @return the arguments
     */
    List<String> arguments(NodeContainer<?> node);
}
