package dev.kwam.node.client;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.PkiException;
import dev.kwam.actors.pki.SpiffeServerTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client's TLS identity from a PKI directory as {@code kwam pki issue} writes it (ca.crt, node.crt,
 * node.key): the certificate it presents and the only root it trusts. {@link #mutualTls()} is the
 * node-side view used for the connection probe; {@link #grpcContext()} is the same key and root for
 * pekko-http's HTTP/2 client, with {@link SpiffeServerTrust} instead of a host-name check.
 */
final class ClientTls {
    private static final char[] IN_MEMORY = "kwam-client-in-memory".toCharArray();

    private final NodeCertificate identity;
    private final MutualTls mutualTls;
    private final SSLContext grpcContext;

    private ClientTls(NodeCertificate identity, MutualTls mutualTls, SSLContext grpcContext) {
        this.identity = identity;
        this.mutualTls = mutualTls;
        this.grpcContext = grpcContext;
    }

    static ClientTls load(Path pkiDir) throws KwamClientException {
        Path dir = pkiDir.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new KwamClientException(KwamClientException.Kind.PKI, "the PKI directory " + dir + " does not exist", null);
        }
        NodeCertificate identity;
        try {
            identity = NodeCertificate.load(dir);
        } catch (PkiException e) {
            throw new KwamClientException(KwamClientException.Kind.PKI, e.what() + ": " + e.why()
                    + e.where().map(w -> " (" + w + ")").orElse("") + "; " + e.fix(), e);
        } catch (IOException e) {
            throw new KwamClientException(KwamClientException.Kind.PKI, "the PKI directory " + dir + " cannot be read: " + e, e);
        }
        try {
            return new ClientTls(identity, MutualTls.of(identity), grpcContext(identity));
        } catch (GeneralSecurityException | IOException | IllegalStateException e) {
            throw new KwamClientException(KwamClientException.Kind.PKI, "the JDK could not build a TLS context from " + dir + ": " + e, e);
        }
    }

    private static SSLContext grpcContext(NodeCertificate identity) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", identity.privateKey(), IN_MEMORY,
                new Certificate[] {identity.certificate(), identity.caCertificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(keys, IN_MEMORY);

        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", identity.caCertificate());
        TrustManagerFactory pkix = TrustManagerFactory.getInstance("PKIX");
        pkix.init(anchors);
        X509ExtendedTrustManager delegate = Arrays.stream(pkix.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                .findFirst().orElseThrow(() -> new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager"));

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {new SpiffeServerTrust(delegate, identity.trustDomain())},
                new SecureRandom());
        return context;
    }

    NodeCertificate identity() {
        return identity;
    }

    MutualTls mutualTls() {
        return mutualTls;
    }

    SSLContext grpcContext() {
        return grpcContext;
    }
}
