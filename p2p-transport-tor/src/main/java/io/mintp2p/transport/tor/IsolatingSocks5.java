package io.mintp2p.transport.tor;

import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.DialProxy;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dials through tor's SOCKS5 port with fresh credentials per connection: tor's
 * {@code IsolateSOCKSAuth} (on by default) then puts each connection on its own circuit, so one
 * peer cannot link our connections to others. The names go to tor unresolved.
 */
final class IsolatingSocks5 implements DialProxy {
    private final InetSocketAddress socks;
    private final Duration timeout;
    private final String session = Long.toHexString(new SecureRandom().nextLong());
    private final AtomicLong counter = new AtomicLong();

    IsolatingSocks5(InetSocketAddress socks, Duration timeout) {
        this.socks = socks;
        this.timeout = timeout;
    }

    @Override
    public ProxyHandler newHandler(TransportAddress target) {
        ProxyHandler h = new Socks5ProxyHandler(socks, "mintp2p-" + session, Long.toString(counter.incrementAndGet()));
        h.setConnectTimeoutMillis(timeout.toMillis());
        return h;
    }
}
