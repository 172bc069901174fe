package dev.kwam.node.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.dataplane.ChunkRoutes;
import dev.kwam.node.dataplane.ManifestRoutes;
import dev.kwam.node.grpc.v1.KwamProto;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ManifestStore;
import dev.kwam.node.store.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one table of what each call needs: complete, and saying what docs/security.md says. */
class AccessTableTest {
    private static final String CID = "sha256:" + "0".repeat(64);

    @Test
    void everyGrpcMethodOfTheServiceHasAnEntry() {
        Descriptors.ServiceDescriptor service = KwamProto.getDescriptor().findServiceByName("Kwam");
        List<String> missing = new ArrayList<>();
        for (Descriptors.MethodDescriptor m : service.getMethods()) {
            if (AccessTable.of("POST", AccessTable.GRPC_PREFIX + m.getName()).isEmpty()) {
                missing.add(m.getName());
            }
        }
        assertEquals(List.of(), missing, "add each new RPC to AccessTable.GRPC (and docs/security.md); until then grants refuse it");
        assertEquals(service.getMethods().size(), AccessTable.GRPC.size(), "no entry for an RPC that does not exist");
    }

    @Test
    void everyAdminMethodHasAnEntry() {
        Descriptors.ServiceDescriptor service = dev.kwam.node.grpc.v1.KwamAdminProto.getDescriptor().findServiceByName("KwamAdmin");
        List<String> missing = new ArrayList<>();
        for (Descriptors.MethodDescriptor m : service.getMethods()) {
            if (AccessTable.of("POST", AccessTable.ADMIN_PREFIX + m.getName()).isEmpty()) {
                missing.add(m.getName());
            }
        }
        assertEquals(List.of(), missing, "add each new RPC to AccessTable.ADMIN (and docs/security.md); until then grants refuse it");
        assertEquals(service.getMethods().size(), AccessTable.ADMIN.size(), "no entry for an RPC that does not exist");
    }

    @Test
    void everyRouteTheDataPortServesHasAnEntry(@TempDir Path root) throws Exception {
        ActorTestKit kit = ActorTestKit.create();
        try (FragmentStore store = FragmentStore.open(root.resolve("store"), new StoreOptions(0, 0))) {
            ManifestStore manifests = ManifestStore.open(root.resolve("manifests"));
            ChunkRoutes chunks = new ChunkRoutes(store, Runnable::run,
                    Optional.of((fragment, proof) -> java.util.concurrent.CompletableFuture.completedFuture(Optional.of("test"))));
            Route routes = new AllDirectives() {
            }.concat(chunks.routes(), new ManifestRoutes(manifests, Runnable::run).routes());
            var handler = routes.seal().handler(kit.system());
            Set<String> served = new TreeSet<>();
            for (String prefix : List.of("chunk", "manifest", "quarantine")) {
                for (HttpMethod method : List.of(HttpMethods.GET, HttpMethods.HEAD, HttpMethods.PUT, HttpMethods.DELETE,
                        HttpMethods.POST, HttpMethods.PATCH, HttpMethods.OPTIONS)) {
                    String path = "/" + prefix + "/" + CID;
                    int status = handler.apply(HttpRequest.create(path).withMethod(method)).toCompletableFuture()
                            .get(10, TimeUnit.SECONDS).status().intValue();
                    if (status != 405) {
                        served.add(method.value() + " /" + prefix);
                    }
                }
            }
            Set<String> listed = new TreeSet<>(AccessTable.ROUTES.keySet());
            assertEquals(listed, served, "each served route is in AccessTable.ROUTES, and each entry is served");
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void theTableSaysWhatTheDocsSay() {
        assertEquals(EnumSet.of(Capability.REPLICATE), needs("POST", "/kwam.v1.Kwam/Protect"));
        for (String read : List.of("Recover", "Stat", "ListObjects", "ClusterStatus", "Repairs", "Durability")) {
            assertEquals(EnumSet.of(Capability.READ), needs("POST", "/kwam.v1.Kwam/" + read), read);
        }
        assertEquals(EnumSet.of(Capability.REPAIR), needs("POST", "/kwam.v1.Kwam/AdjustRepairBudget"));
        assertEquals(EnumSet.of(Capability.REPLICATE, Capability.REPAIR), needs("PUT", "/chunk/" + CID));
        assertEquals(EnumSet.of(Capability.READ, Capability.REPAIR, Capability.SCRUB), needs("GET", "/chunk/" + CID));
        assertEquals(EnumSet.of(Capability.REPAIR), needs("DELETE", "/chunk/" + CID));
        assertEquals(EnumSet.of(Capability.REPLICATE), needs("PUT", "/manifest/" + CID));
        assertEquals(EnumSet.of(Capability.READ), needs("GET", "/manifest/" + CID));
        assertTrue(AccessTable.of("DELETE", "/chunk/" + CID).orElseThrow().audited(), "a destructive call is audited when allowed");
    }

    @Test
    void aPathOrMethodTheTableDoesNotKnowHasNoEntry() {
        assertEquals(Optional.empty(), AccessTable.of("POST", "/kwam.v1.Kwam/Shutdown"));
        assertEquals(Optional.empty(), AccessTable.of("POST", "/chunk/" + CID));
        assertEquals(Optional.empty(), AccessTable.of("GET", "/admin"));
        assertEquals(Optional.empty(), AccessTable.of("GET", "/chunky/" + CID));
    }

    private static Set<Capability> needs(String method, String path) {
        return EnumSet.copyOf(AccessTable.of(method, path).orElseThrow().anyOf());
    }
}
