package dev.kwam.node.client;

import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.node.dataplane.DataPlaneServer;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ManifestStore;
import dev.kwam.node.store.StoreOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * A data port as a node binds it — {@link DataPlaneServer} with mutual TLS, HTTP/2 and the gRPC API —
 * in front of {@link CodecBackedNode}, plus PKI directories for a good client and for strangers.
 * Public so the CLI's tests in another package can drive {@code kwam client} against it.
 */
public final class GrpcFixture implements AutoCloseable {
    public static final String TRUST_DOMAIN = "kwam.test";

    public final Path root;
    public final CertificateAuthority ca;
    /** ca.crt, node.crt, node.key of a client issued by the node's CA. */
    public final Path clientPki;
    public final int port;
    /** The node's data directory, holding its audit log ({@code audit/audit.log}, signed by node-a's key). */
    public final Path nodeData;
    private final AuditLog audit;
    final ActorTestKit kit;
    final FragmentStore store;
    final CodecBackedNode node;
    private final ServerBinding binding;

    private GrpcFixture(Path root, CertificateAuthority ca, Path clientPki, AuditLog audit, ActorTestKit kit, FragmentStore store,
            CodecBackedNode node, ServerBinding binding) {
        this.root = root;
        this.nodeData = root.resolve("node-data");
        this.audit = audit;
        this.ca = ca;
        this.clientPki = clientPki;
        this.kit = kit;
        this.store = store;
        this.node = node;
        this.binding = binding;
        this.port = binding.localAddress().getPort();
    }

    public static GrpcFixture start(Path root) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(TRUST_DOMAIN);
        Path clientPki = root.resolve("pki-client");
        issue(ca, "client").write(clientPki);
        ActorTestKit kit = ActorTestKit.create("grpc-fixture", ConfigFactory.load());
        FragmentStore store = FragmentStore.open(root.resolve("store"), new StoreOptions(0, 0));
        CodecBackedNode node = new CodecBackedNode(store);
        ActorRef<KwamNode.Command> ref = kit.spawn(node.behavior(), "kwam-node");
        NodeCertificate nodeA = issue(ca, "node-a");
        AuditLog audit = AuditLog.open(root.resolve("node-data"), nodeA);
        DataPlaneServer.Wiring wiring = new DataPlaneServer.Wiring("127.0.0.1", 0, MutualTls.of(nodeA), store,
                ManifestStore.open(root.resolve("manifests")))
                .withNode(ref)
                .withAudit(audit);
        ServerBinding binding = DataPlaneServer.bind(kit.system(), wiring).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new GrpcFixture(root, ca, clientPki, audit, kit, store, node, binding);
    }

    /** A complete, self-consistent PKI directory of another CA with the same trust domain name. */
    public Path foreignPki(String name) throws Exception {
        Path dir = root.resolve("pki-foreign-" + name);
        issue(CertificateAuthority.create(TRUST_DOMAIN), name).write(dir);
        return dir;
    }

    public static NodeCertificate issue(CertificateAuthority issuer, String name) throws Exception {
        return issuer.issue(SpiffeId.parse("spiffe://" + issuer.trustDomain() + "/acme/cl-1/az1/pod-1/" + name + "/kwamd"));
    }

    @Override
    public void close() throws Exception {
        try {
            binding.unbind().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            kit.shutdownTestKit();
            node.shutdown();
            store.close();
            audit.close();
        }
    }
}
