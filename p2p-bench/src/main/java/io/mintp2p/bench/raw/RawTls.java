package io.mintp2p.bench.raw;

import io.mintp2p.transport.tls.NodeKeys;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * Mutual TLS 1.3 for the baseline, with the same kind of key as a node (ECDSA P-256, self-signed) and
 * the OpenSSL engine when it loads (3-5x faster handshakes than the JDK engine on Java 17). The
 * baseline trusts any certificate; the node checks the self-signature and derives an identity,
 * which is part of what is measured.
 */
public final class RawTls implements RawSecurity {
    public final SslContext server;
    public final SslContext client;
    public final SslProvider provider;

    /** OpenSSL (BoringSSL from netty-tcnative) when it loads and speaks TLS 1.3, else the JDK engine. */
    public static SslProvider preferredProvider() {
        return OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    public RawTls() {
        NodeKeys serverKeys = NodeKeys.ephemeral();
        NodeKeys clientKeys = NodeKeys.ephemeral();
        provider = preferredProvider();
        try {
            server = SslContextBuilder.forServer(serverKeys.privateKey(), serverKeys.certificate())
                    .sslProvider(provider).protocols("TLSv1.3").clientAuth(ClientAuth.REQUIRE)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            client = SslContextBuilder.forClient().keyManager(clientKeys.privateKey(), clientKeys.certificate())
                    .sslProvider(provider).protocols("TLSv1.3").trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .endpointIdentificationAlgorithm(null).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up baseline TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public void server(SocketChannel ch) {
        ch.pipeline().addLast(server.newHandler(ch.alloc()));
    }

    @Override
    public void client(SocketChannel ch) {
        ch.pipeline().addLast(client.newHandler(ch.alloc()));
    }

    @Override
    public CompletableFuture<Void> handshake(Channel ch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl == null) {
            done.completeExceptionally(new IllegalStateException("no SslHandler"));
            return done;
        }
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        return done;
    }
}
