package io.mintp2p.transport.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts any valid self-signed certificate: peers are known by their key, not by a CA. Whether the
 * key is the expected one (a pinned identity) is checked after the handshake.
 */
final class SelfSignedTrustManager implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    private static void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length != 1) {
            throw new CertificateException("expected exactly one self-signed certificate, got "
                    + (chain == null ? 0 : chain.length));
        }
        X509Certificate cert = chain[0];
        cert.checkValidity();
        try {
            cert.verify(cert.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("certificate is not self-signed by its key: " + e.getMessage());
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
