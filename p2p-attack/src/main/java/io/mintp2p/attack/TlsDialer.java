package io.mintp2p.attack;

import io.mintp2p.transport.tls.NodeKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS 1.3 with a client certificate, as a mintp2p TLS node expects: the key and self-signed
 * certificate come from the TLS module's {@link NodeKeys}; any server certificate is accepted
 * (identities are self-signed; pinning is not what these tests are about).
 */
public final class TlsDialer implements Dialer {
    private final SSLContext context;
    private final NodeKeys keys;

    public TlsDialer() {
        this(NodeKeys.ephemeral());
    }

    public TlsDialer(NodeKeys keys) {
        this.keys = keys;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "attack".toCharArray();
            store.setKeyEntry("node", keys.privateKey(), password, new Certificate[] {keys.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            context = SSLContext.getInstance("TLSv1.3");
            context.init(kmf.getKeyManagers(), new TrustManager[] {new TrustAll()}, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up a TLS client: " + e, e);
        }
    }

    public NodeKeys keys() {
        return keys;
    }

    public SSLContext context() {
        return context;
    }

    /** Connects and completes the TLS handshake; the returned socket is ready for frames. */
    @Override
    public Socket open(InetSocketAddress target, InetAddress source, int timeoutMillis) throws IOException {
        Socket raw = Dialer.plain().open(target, source, timeoutMillis);
        try {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, target.getHostString(),
                    target.getPort(), true);
            tls.setEnabledProtocols(new String[] {"TLSv1.3"});
            tls.setUseClientMode(true);
            tls.setSoTimeout(timeoutMillis);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
