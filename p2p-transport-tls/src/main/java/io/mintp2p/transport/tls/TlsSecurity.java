package io.mintp2p.transport.tls;

import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.transport.tcp.ChannelSecurity;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** TLS 1.3 only, mutual authentication, identities pinned by address where asked. */
final class TlsSecurity implements ChannelSecurity {
    private static final Logger log = LoggerFactory.getLogger(TlsSecurity.class);

    private final SslContext server;
    private final SslContext client;
    private final Duration handshakeTimeout;
    private final SslProvider provider;

    TlsSecurity(NodeKeys keys, Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
        this.provider = OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL)
                ? SslProvider.OPENSSL : SslProvider.JDK;
        log.debug("TLS engine: {}", provider);
        try {
            this.server = SslContextBuilder.forServer(keys.privateKey(), keys.certificate())
                    .sslProvider(provider).protocols("TLSv1.3").clientAuth(ClientAuth.REQUIRE)
                    .trustManager(trustFactory()).build();
            this.client = SslContextBuilder.forClient().keyManager(keys.privateKey(), keys.certificate())
                    .sslProvider(provider).protocols("TLSv1.3").trustManager(trustFactory())
                    .endpointIdentificationAlgorithm(null).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    SslProvider provider() {
        return provider;
    }

    private static SimpleTrustManagerFactory trustFactory() {
        return new SimpleTrustManagerFactory() {
            @Override
            protected void engineInit(KeyStore keyStore) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters params) {
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return new TrustManager[] {new SelfSignedTrustManager()};
            }
        };
    }

    @Override
    public ChannelHandler newHandler(SocketChannel channel, Direction direction, Optional<TransportAddress> dialled) {
        SslHandler handler = direction == Direction.INBOUND ? server.newHandler(channel.alloc())
                : client.newHandler(channel.alloc(), dialled.map(TransportAddress::host).orElse(null),
                dialled.map(TransportAddress::port).orElse(-1));
        handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        return handler;
    }

    @Override
    public Optional<PeerIdentity> identify(SocketChannel channel, Optional<TransportAddress> dialled) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        Certificate[] chain;
        try {
            chain = ssl.engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw ChannelSecurity.refuse("peer presented no certificate");
        }
        PeerIdentity actual = NodeKeys.identityOf((X509Certificate) chain[0]);
        Optional<PeerIdentity> pinned = dialled.flatMap(TransportAddress::pinnedIdentity);
        if (pinned.isPresent() && !pinned.get().equals(actual)) {
            throw ChannelSecurity.refuse("peer identity mismatch: expected " + pinned.get() + ", got " + actual);
        }
        return Optional.of(actual);
    }
}
