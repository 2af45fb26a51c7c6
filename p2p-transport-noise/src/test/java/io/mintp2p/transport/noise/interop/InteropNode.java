package io.mintp2p.transport.noise.interop;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.Services;
import io.mintp2p.core.wire.WireLimits;
import io.mintp2p.transport.noise.NoiseTransportModule;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A real node as a node builder assembles one ({@link P2pModule} + {@link NoiseTransportModule} through
 * Guice), listening on noise://127.0.0.1:&lt;ephemeral&gt;, regtest, no automatic dials, with one
 * application type, {@link #BULK}, for frames up to the wire's 10 MiB limit. Started by the constructor
 * (blocks until bound), stopped by {@link #close()} (blocks until stopped).
 */
final class InteropNode implements AutoCloseable {
    static final ServiceFlags BULK_SERVICE = ServiceFlags.application(Services.FIRST_APPLICATION_BIT);
    /** Opaque bytes, as long as a frame may be: body + index + 4-byte compact length = 10 MiB. */
    static final MessageType<byte[]> BULK = MessageType.of(64, "interop_bulk", BULK_SERVICE,
            (body, out) -> out.bytes(body), in -> in.bytes(WireLimits.MAX_FRAME_PAYLOAD));
    /** The largest BULK body whose frame payload is exactly {@link WireLimits#MAX_FRAME_PAYLOAD}. */
    static final int MAX_BULK_BODY = WireLimits.MAX_FRAME_PAYLOAD - 1 - 4;

    private final P2pNode node;

    InteropNode() throws Exception {
        P2pConfig config = P2pConfig.builder()
                .listen(TransportAddress.of("noise", "127.0.0.1", 0))
                .targetOutbound(0)
                .blockRelayOutbound(0)
                .whitelistLoopback(true)
                .build();
        node = Guice.createInjector(new P2pModule(config).withMessageTypes(BULK), new NoiseTransportModule())
                .getInstance(P2pNode.class);
        node.start().get(10, TimeUnit.SECONDS);
    }

    /** The codec the independent peer uses: the control messages plus {@link #BULK}. */
    static MessageCodec codec() {
        return new MessageCodec(MessageRegistry.builder().register(BULK).build());
    }

    P2pNode node() {
        return node;
    }

    InetSocketAddress address() {
        TransportAddress a = node.listenAddresses().get(0);
        return new InetSocketAddress(a.host(), a.port());
    }

    @Override
    public void close() throws Exception {
        node.stop().get(20, TimeUnit.SECONDS);
    }
}
