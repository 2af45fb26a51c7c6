package io.mintp2p.transport.tls;

import io.mintp2p.core.transport.PeerIdentity;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's identity: an ECDSA P-256 key pair made with BouncyCastle, kept as PEM in the data dir
 * (owner-only), and a self-signed certificate made from it at each start. The identity is the
 * SHA-256 of the certificate's SubjectPublicKeyInfo, so it stays the same across restarts.
 */
public final class NodeKeys {
    static final String KEY_FILE = "node-key.pem";
    static final String CERT_FILE = "node-cert.pem";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final PeerIdentity identity;

    private NodeKeys(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.certificate = selfSign(pair);
        this.identity = identityOf(certificate);
    }

    /**
     * The node's private key, for the TLS engine; any thread.
     *
     * @return the ECDSA P-256 private key
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The self-signed certificate this node presents; any thread.
     *
     * @return a certificate over the node's public key, made at this start
     */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Who this node is to its peers; any thread.
     *
     * @return the SHA-256 of the certificate's SubjectPublicKeyInfo
     */
    public PeerIdentity identity() {
        return identity;
    }

    /**
     * A key that lives only in memory (no data dir): a new identity each start. Any thread; generates a key.
     *
     * @return a fresh key pair and its certificate
     */
    public static NodeKeys ephemeral() {
        return new NodeKeys(generate());
    }

    /**
     * Loads the key from {@code dir}, or makes one on first start. A key file that cannot be read is
     * an error: silently making a new identity would change who this node is. Blocks on file I/O; call it at
     * start-up, not on an event loop.
     *
     * @param dir the data dir; created if missing
     * @return the node's keys, the same identity as the last start when the key file exists
     * @throws IllegalStateException if the key file cannot be read or written
     */
    public static NodeKeys loadOrCreate(Path dir) {
        Path keyFile = dir.resolve(KEY_FILE);
        try {
            NodeKeys keys;
            if (Files.exists(keyFile)) {
                keys = new NodeKeys(read(keyFile));
            } else {
                Files.createDirectories(dir);
                KeyPair pair = generate();
                writeOwnerOnly(keyFile, pem(PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded())));
                keys = new NodeKeys(pair);
            }
            writeOwnerOnly(dir.resolve(CERT_FILE), pem(keys.certificate));
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException("cannot use node key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The identity a certificate proves, as {@link #identity()} computes it; any thread.
     *
     * @param certificate a peer's (or this node's) certificate
     * @return the SHA-256 of its SubjectPublicKeyInfo
     */
    public static PeerIdentity identityOf(X509Certificate certificate) {
        try {
            return PeerIdentity.ofDigest(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return toJdk(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an EC P-256 key", e);
        }
    }

    /** The TLS engines want the JDK's own key classes. */
    private static KeyPair toJdk(KeyPair pair) throws GeneralSecurityException {
        KeyFactory kf = KeyFactory.getInstance("EC");
        return new KeyPair(kf.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded())),
                kf.generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded())));
    }

    private static KeyPair read(Path keyFile) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(keyFile, StandardCharsets.US_ASCII)))) {
            Object o = parser.readObject();
            PrivateKeyInfo info;
            if (o instanceof PrivateKeyInfo p) {
                info = p;
            } else if (o instanceof PEMKeyPair kp) {
                info = kp.getPrivateKeyInfo();
            } else {
                throw new IOException("no private key in the file");
            }
            PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            PublicKey pub = derivePublic(info);
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("not a valid EC private key (" + e.getMessage() + ")", e);
        }
    }

    private static PublicKey derivePublic(PrivateKeyInfo info) throws GeneralSecurityException, IOException {
        PrivateKey bcKey = KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        org.bouncycastle.jce.interfaces.ECPrivateKey ec = (org.bouncycastle.jce.interfaces.ECPrivateKey) bcKey;
        org.bouncycastle.math.ec.ECPoint q = ec.getParameters().getG().multiply(ec.getD()).normalize();
        org.bouncycastle.jce.spec.ECPublicKeySpec spec = new org.bouncycastle.jce.spec.ECPublicKeySpec(q, ec.getParameters());
        PublicKey bcPub = KeyFactory.getInstance("EC", BC).generatePublic(spec);
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(bcPub.getEncoded()));
    }

    private static X509Certificate selfSign(KeyPair pair) {
        try {
            X500Name name = new X500Name("CN=mintp2p-node");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(pair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()));
        } catch (OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the node certificate", e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    /** Written to a temporary file with owner-only permissions, then renamed into place. */
    private static void writeOwnerOnly(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Optional<java.nio.file.attribute.FileAttribute<?>> attr = Optional.empty();
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            attr = Optional.of(PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        if (attr.isPresent()) {
            Files.createFile(tmp, attr.get());
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
