package io.mintp2p.bench.raw;

import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Noise XX as the Mintlayer node speaks it, for the baseline: a {@link RawNoiseHandler} per channel, a
 * fresh static key per connection on both sides (Mintlayer's dialler does that; its listener keeps one,
 * which saves nothing per handshake). Stateless apart from the engine choice; any thread.
 */
public final class RawNoise implements RawSecurity {
    private final NoiseAead.Engine engine;

    /** Every channel it sets up seals and opens records with {@code engine}. */
    public RawNoise(NoiseAead.Engine engine) {
        this.engine = engine;
    }

    /**
     * The AEAD engine the baseline runs on: {@code -Dmintp2p.bench.noiseAead=JDK|BOUNCY_CASTLE}, by default the
     * JDK's, the one the noise transport uses (the faster in p2p-bench-jmh's NoiseAeadBenchmark), so both sides
     * of a row seal with the same primitive; the bench's header line says which one ran.
     */
    public static NoiseAead.Engine preferredEngine() {
        return NoiseAead.Engine.valueOf(System.getProperty("mintp2p.bench.noiseAead", NoiseAead.Engine.JDK.name()));
    }

    /** The AEAD engine of its channels. */
    public NoiseAead.Engine engine() {
        return engine;
    }

    @Override
    public void server(SocketChannel ch) {
        ch.pipeline().addLast(new RawNoiseHandler(false, engine));
    }

    @Override
    public void client(SocketChannel ch) {
        ch.pipeline().addLast(new RawNoiseHandler(true, engine));
    }

    @Override
    public CompletableFuture<Void> handshake(Channel ch) {
        RawNoiseHandler h = ch.pipeline().get(RawNoiseHandler.class);
        return h == null ? CompletableFuture.failedFuture(new IllegalStateException("no Noise handler")) : h.handshakeFuture();
    }
}
