package dev.kwam.actors.pki;

import dev.kwam.dsl.identity.InvalidSpiffeIdException;
import dev.kwam.dsl.identity.SpiffeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The certificates {@code kwam up} makes for itself when no {@code --pki} is given: a root and a node
 * certificate under {@code <data>/pki/}, created on first start and reused afterwards. They are
 * labelled as development material in the root's subject and in a README beside them, because the
 * CA key sits on the node — anyone who can read the data directory can mint peers.
 */
public final class DevelopmentPki {
    public static final String DIRECTORY = "pki";
    public static final String README = "README.txt";
    public static final String TRUST_DOMAIN = "kwam-development";
    /** The root's O= value; {@link #isDevelopment} looks for exactly this. */
    public static final String ORGANIZATION = "KWAM DEVELOPMENT CA - NOT FOR PRODUCTION";

    private static final System.Logger LOG = System.getLogger(DevelopmentPki.class.getName());
    private static final String TEXT = """
            DEVELOPMENT CERTIFICATES - NOT FOR PRODUCTION

            kwam up created this directory because it was started without --pki.
              ca.crt / ca.key      a root CA for trust domain "kwam-development"
              node.crt / node.key  this node's certificate, issued by that root

            The CA's private key is stored right here, next to the node, so anyone who can read
            this directory can create certificates that every node using this CA will trust.
            That is fine for a single machine on loopback and wrong for anything else.

            For a real cluster, keep the CA off the nodes:
              kwam pki init  --trust-domain example.org --out ca/            (on an offline machine)
              kwam pki issue --ca ca/ --spiffe-id spiffe://example.org/... --out node-1/
              kwam up --pki node-1/ ...
            See docs/security.md.
            """;

    private DevelopmentPki() {
    }

    /** The SPIFFE ID a development node named {@code nodeName} gets. */
    public static SpiffeId nodeId(String nodeName) {
        return SpiffeId.of(TRUST_DOMAIN, List.of("development", "single-node", "local", "local", nodeName, "kwamd"));
    }

    /**
     * The node's development credentials from {@code dataDir/pki}, created there on first use. A
     * second start reuses them; a crash during creation leaves no half-made directory behind.
     */
    public static NodeCertificate ensure(Path dataDir, String nodeName) throws IOException, PkiException {
        return ensure(dataDir, nodeName, Clock.systemUTC(), RsaKeys::generate);
    }

    /** {@code keys} makes a key pair of the given size in bits; tests pass pre-made pairs (RSA keygen is slow). */
    static NodeCertificate ensure(Path dataDir, String nodeName, Clock clock, IntFunction<KeyPair> keys)
            throws IOException, PkiException {
        SpiffeId id;
        try {
            id = nodeId(nodeName);
        } catch (InvalidSpiffeIdException e) {
            throw new PkiException("the node name cannot be part of a SPIFFE ID", null,
                    "'" + nodeName + "' " + e.error().reason(),
                    "name the node with letters, digits, '.', '-' and '_' only (kwam up --name node-1)", e);
        }
        Path pki = dataDir.resolve(DIRECTORY);
        if (!Files.exists(pki)) {
            create(dataDir, pki, id, clock, keys);
        }
        NodeCertificate node = NodeCertificate.load(pki, clock);
        if (!node.id().equals(id)) {
            throw new PkiException("the data directory belongs to another node", pki,
                    "its certificate is for " + node.id() + ", this node would be " + id,
                    "start with the same --name as before, or use another --data directory");
        }
        if (isDevelopment(node.caCertificate())) {
            LOG.log(System.Logger.Level.WARNING,
                    "using DEVELOPMENT certificates from {0} (CA key on this machine; not for production): {1}", pki, id);
        }
        return node;
    }

    private static void create(Path dataDir, Path pki, SpiffeId id, Clock clock, IntFunction<KeyPair> keys)
            throws IOException, PkiException {
        Files.createDirectories(dataDir);
        Path staging = Files.createTempDirectory(dataDir, ".pki-creating-");
        try {
            CertificateAuthority ca = CertificateAuthority.create(TRUST_DOMAIN, ORGANIZATION, keys.apply(RsaKeys.CA_BITS), clock);
            NodeCertificate node = ca.issue(id, keys.apply(RsaKeys.NODE_BITS));
            ca.write(staging);
            PemFiles.createAll(staging, List.of(
                    new PemFiles.PemFile(NodeCertificate.CERT_FILE, PemFiles.certificatePem(node.certificate()), false),
                    new PemFiles.PemFile(NodeCertificate.KEY_FILE, PemFiles.privateKeyPem(node.privateKey()), true)));
            Files.writeString(staging.resolve(README), TEXT, StandardCharsets.UTF_8);
            try {
                Files.move(staging, pki, StandardCopyOption.ATOMIC_MOVE);
                LOG.log(System.Logger.Level.INFO, "created a development CA and certificate for {0} in {1}", id, pki);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Another process sharing this data directory created it first; ensure() loads theirs.
                LOG.log(System.Logger.Level.INFO, "{0} was created concurrently; using it", pki);
            }
        } finally {
            deleteRecursively(staging);
        }
    }

    /** True for a root made here: its subject's O= is {@link #ORGANIZATION}. */
    public static boolean isDevelopment(X509Certificate ca) {
        return ORGANIZATION.equals(CertificateAuthority.organizationOf(ca));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
