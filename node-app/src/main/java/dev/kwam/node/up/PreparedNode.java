package dev.kwam.node.up;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.pki.DevelopmentPki;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.PkiException;
import dev.kwam.codec.sign.SigningKey;
import dev.kwam.node.cluster.ClusterConfig;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.write.ManifestKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node has before its ActorSystem exists, because the system's configuration is made from it:
 * a writable data directory, the node's certificates (a development CA's when no {@code --pki} is
 * given) and its manifest-signing key, whose public half members publish as a role.
 *
 * @param pkiDirectory where the certificates are read from (Artery's TLS reads them again)
 * @param development  true when the certificates come from a CA whose key was kept on a node
 */
public record PreparedNode(NodeSettings settings, Path data, Path pkiDirectory, NodeCertificate identity, boolean development,
        SigningKey manifestKey) {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedNode.class);

    /** Creates the data directory, a development CA in it when needed, and the manifest key on first start. */
    public static PreparedNode of(NodeSettings settings) throws StartupException {
        Path data = settings.data().toAbsolutePath().normalize();
        prepareDataDirectory(data);
        if (settings.pki().isPresent()) {
            Path dir = settings.pki().get().toAbsolutePath();
            NodeCertificate node = load(dir, settings);
            boolean development = DevelopmentPki.isDevelopment(node.caCertificate());
            if (development) {
                LOG.warn("the certificates in {} come from a DEVELOPMENT CA whose key was kept on a node; not for production", dir);
            }
            return new PreparedNode(settings, data, dir, node, development, manifestKey(data));
        }
        NodeCertificate node = ensureDevelopment(data, settings);
        Path dir = data.resolve(DevelopmentPki.DIRECTORY);
        LOG.warn("no --pki given: using DEVELOPMENT certificates from {} (their CA key is on this machine); "
                + "fine for one node on loopback, wrong for a fleet - see docs/operators.md", dir);
        return new PreparedNode(settings, data, dir, node, true, manifestKey(data));
    }

    /**
     * The ActorSystem configuration this node needs ({@code overrides} first, then cluster provider,
     * mutual-TLS Artery with its certificates, seeds, and member roles carrying its name, domains,
     * SPIFFE ID and manifest key, over {@code ConfigFactory.load()}).
     */
    public Config systemConfig(Config overrides) {
        return overrides.withFallback(ClusterConfig.of(settings, pkiDirectory, identity.id().toString(),
                HexFormat.of().formatHex(manifestKey.publicKey().raw()), ConfigFactory.load())).resolve();
    }

    private static void prepareDataDirectory(Path data) throws StartupException {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new StartupException("the data directory cannot be created", data, String.valueOf(e),
                    "choose a writable directory with --data", e);
        }
        if (!Files.isWritable(data)) {
            throw new StartupException("the data directory is not writable", data, "this user cannot write there",
                    "fix its permissions or choose another directory with --data", null);
        }
    }

    private static NodeCertificate load(Path dir, NodeSettings settings) throws StartupException {
        if (!Files.isDirectory(dir)) {
            throw new StartupException("the PKI directory does not exist", dir, "no such directory",
                    "pass the directory kwam pki issue --out wrote (ca.crt, node.crt, node.key)", null);
        }
        try {
            return NodeCertificate.load(dir);
        } catch (PkiException e) {
            throw unusable(e);
        } catch (IOException e) {
            throw unreadable(settings, e);
        }
    }

    private static NodeCertificate ensureDevelopment(Path data, NodeSettings settings) throws StartupException {
        try {
            return DevelopmentPki.ensure(data, settings.name());
        } catch (PkiException e) {
            throw unusable(e);
        } catch (IOException e) {
            throw unreadable(settings, e);
        }
    }

    private static StartupException unusable(PkiException e) {
        return new StartupException("the node's certificates cannot be used", e.where().orElse(null), e.why(), e.fix(), e);
    }

    private static StartupException unreadable(NodeSettings settings, IOException e) {
        return new StartupException("the node's certificates cannot be read", settings.pkiDirectory(), String.valueOf(e),
                "pass the directory kwam pki issue --out wrote, or leave --pki out for a development CA", e);
    }

    private static SigningKey manifestKey(Path data) throws StartupException {
        try {
            return ManifestKey.loadOrCreate(data);
        } catch (IOException e) {
            throw new StartupException("the node's manifest-signing key cannot be read or created", data.resolve(ManifestKey.DIRECTORY),
                    String.valueOf(e), "restore it from backup, or fix the directory's permissions (docs/operators.md)", e);
        }
    }
}
