package io.mintp2p.bench.raw;

import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A security layer the baseline puts in front of its frame decoder ({@link RawTls}, {@link RawNoise}),
 * so each scenario runs the same raw pipeline over tcp, tls or noise. Methods run on the channel's event
 * loop (the pipeline set-up) or on any thread (the future); none blocks.
 */
public interface RawSecurity {
    /** Adds the listening side's handler to a just-accepted channel. */
    void server(SocketChannel ch);

    /** Adds the dialling side's handler to a new channel. */
    void client(SocketChannel ch);

    /** Completes when {@code ch}'s handshake (either side) is done; fails when it failed. */
    CompletableFuture<Void> handshake(Channel ch);

    /** The layer for a node scheme: none for tcp, else a fresh one (tls makes its keys: it may take a moment). */
    static Optional<RawSecurity> forScheme(String scheme) {
        return switch (scheme) {
            case "tcp" -> Optional.empty();
            case "tls" -> Optional.of(new RawTls());
            case "noise" -> Optional.of(new RawNoise(RawNoise.preferredEngine()));
            default -> throw new IllegalArgumentException("no baseline for " + scheme);
        };
    }
}
