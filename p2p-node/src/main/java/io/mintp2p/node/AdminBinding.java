package io.mintp2p.node;

import java.net.InetSocketAddress;
import java.util.Objects;

/** Where the admin API listens and the token its state-changing requests must carry. */
public record AdminBinding(InetSocketAddress address, AdminToken token) {
    public AdminBinding {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token, "token");
    }
}
