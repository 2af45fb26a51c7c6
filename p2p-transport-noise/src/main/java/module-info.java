/**
 * The Noise transport ("noise"): Noise_XX_25519_ChaChaPoly_SHA256 stream encryption over the TCP transport, wire
 * compatible with the Mintlayer node (u16 little-endian length before every Noise message, empty prologue and
 * handshake payloads).
 *
 * <p>Exported to everyone: its one package, {@code io.mintp2p.transport.noise}. The handshake state machine, the
 * record layer's ciphers and framing helpers in it are package-private.
 */
@SuppressWarnings("requires-automatic") // Guice 7 has no descriptor, only a name
module io.mintp2p.transport.noise {
    requires transitive io.mintp2p.transport.tcp;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.handler;
    requires io.netty.handler.proxy;
    requires org.bouncycastle.provider;

    exports io.mintp2p.transport.noise;

    opens io.mintp2p.transport.noise to com.google.guice;

    provides io.mintp2p.core.transport.TransportProvider with io.mintp2p.transport.noise.NoiseTransportProvider;
}
