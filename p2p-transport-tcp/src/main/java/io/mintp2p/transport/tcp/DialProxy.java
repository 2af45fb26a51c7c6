package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.TransportAddress;
import io.netty.handler.proxy.ProxyHandler;

/**
 * Routes dialled connections through a proxy (SOCKS5, Tor). The transport connects to the proxy and
 * hands it the target's host name unresolved, so no DNS lookup happens on this machine; the
 * connection opens once the proxy reports the target connected, and its remote address is the target.
 */
public interface DialProxy {
    /**
     * A fresh handler for one connection to {@code target}; it goes first in the pipeline. Event loop, while the
     * channel is initialised; must not block.
     *
     * @param target the address to reach through the proxy, host name unresolved
     * @return a handler for this connection only
     */
    ProxyHandler newHandler(TransportAddress target);
}
