package dev.kwam.node.client;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.PkiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * A client's TLS identity from a PKI directory as {@code kwam pki issue} writes it (ca.crt, node.crt,
 * node.key): the certificate it presents and the only root it trusts. {@link #mutualTls()} is the
 * node-side view used for the connection probe; {@link #grpcContext()} is the same key and root for
 * pekko-http's HTTP/2 client ({@link MutualTls#spiffeClientContext()}: no host-name check).
 */
final class ClientTls {
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
            MutualTls tls = MutualTls.of(identity);
            return new ClientTls(identity, tls, tls.spiffeClientContext());
        } catch (IllegalStateException e) {
            throw new KwamClientException(KwamClientException.Kind.PKI, "the JDK could not build a TLS context from " + dir + ": " + e, e);
        }
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
