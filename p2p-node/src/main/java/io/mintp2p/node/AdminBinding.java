package io.mintp2p.node;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where the admin API listens and the token its state-changing requests must carry.
 *
 * @param address the socket the admin API binds (port 0: any free port)
 * @param token   what state-changing requests, and reads from off the machine, must carry
 */
public record AdminBinding(InetSocketAddress address, AdminToken token) {
    /**
     * Checks that both are present.
     *
     * @param address the socket to bind
     * @param token   the admin token
     */
    public AdminBinding {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token, "token");
    }
}
