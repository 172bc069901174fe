package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.ConsentKeyFiles;
import dev.kwam.dsl.consent.ConsentMint;
import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.MintingKey;
import dev.kwam.dsl.consent.ResourceGlob;
import dev.kwam.dsl.consent.TokenCodec;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.cli.ExitCodes;
import dev.kwam.node.testing.InProcessKwam;
import dev.kwam.node.up.RunningNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consent-gated commands end to end on a real node (its own Raft group of one, real TLS, the CLI
 * in-process): trust roots seeded from --keyring, a pointer moved with a token spent once, a replay
 * refused, a signer revoked by two people and its tokens refused, the audit log streamed, and a spent
 * token still refused after the node restarts on the same data directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsentCommandsTest {
    private static final MintingKey ALICE = MintingKey.generate("acme-prod", "alice");
    private static final MintingKey BOB = MintingKey.generate("acme-prod", "bob");
    private static final Cid BUNDLE = Cid.of("bundle v1".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path root;
    private TestCluster cluster;
    private TestCluster.Ports ports;
    private Path clientPki;
    private Path nodePki;
    private Path keyring;
    private RunningNode node;
    private String spentToken;
    private String unspentTrustToken;
    private String out;
    private String err;

    @BeforeAll
    void start() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(TestCluster.TRUST_DOMAIN);
        cluster = new TestCluster(root, ca);
        clientPki = TestCluster.issue(ca, root, "ops");
        keyring = Files.createDirectories(root.resolve("keyring"));
        for (MintingKey k : List.of(ALICE, BOB)) {
            ConsentKeyFiles.write(k, root.resolve("keys-" + k.identity().id()));
            Files.copy(root.resolve("keys-" + k.identity().id()).resolve(k.identity().id() + ConsentKeyFiles.PUBLIC_SUFFIX),
                    keyring.resolve(k.identity().id() + ConsentKeyFiles.PUBLIC_SUFFIX));
        }
        ports = TestCluster.Ports.free();
        nodePki = TestCluster.issue(ca, root, "n1");
        node = startNode();
    }

    private RunningNode startNode() throws Exception {
        return cluster.start("n1", nodePki, ports, List.of(), Map.of("rack", "r1"), Map.of("kwam.node.keyring", keyring.toString()));
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private int kwam(String... args) {
        InProcessKwam run = InProcessKwam.run(args);
        out = run.out();
        err = run.err();
        return run.code();
    }

    private int onNode(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--node", "127.0.0.1:" + ports.data(), "--pki", clientPki.toString())).toArray(String[]::new);
        return kwam(all);
    }

    private static String token(List<Capability> caps, String glob, Optional<Cid> digest, MintingKey by, MintingKey... cosigners)
            throws Exception {
        ConsentToken t = ConsentMint.mint(by, caps, ResourceGlob.parse(glob), Duration.ofMinutes(30), digest, Clock.systemUTC());
        for (MintingKey k : cosigners) {
            t = ConsentMint.cosign(t, k, Clock.systemUTC());
        }
        return TokenCodec.encode(t);
    }

    @Test
    @Order(1)
    void theKeyringSeededTheTrustRoots() throws Exception {
        // Genesis is written in the background once the group has a leader: the node is up before it lands.
        TestCluster.await(Duration.ofSeconds(60), "the trust roots are seeded",
                () -> onNode("trust", "list", "--format", "json") == ExitCodes.OK && out.contains("\"seeded\":true"));
        assertTrue(out.contains("\"key_id\":\"alice\"") && out.contains("\"key_id\":\"bob\""), out);
        assertTrue(out.contains("\"added_by\":\"genesis\""), out);
    }

    @Test
    @Order(2)
    void aPointerMovesOnceForOneTokenAndTheReplayIsRefused() throws Exception {
        assertEquals(ExitCodes.CHECK_FAILED, onNode("pointer", "get", "prod"), "never set: " + out + err);
        spentToken = token(List.of(Capability.DEPLOY), "channel.prod", Optional.of(BUNDLE), ALICE);
        assertEquals(ExitCodes.OK, onNode("pointer", "set", "prod", BUNDLE.toString(), "--grant", spentToken), err);
        assertEquals(ExitCodes.OK, onNode("pointer", "get", "prod"), err);
        assertEquals(BUNDLE + System.lineSeparator(), out);
        assertEquals(ExitCodes.CHECK_FAILED, onNode("pointer", "set", "prod", BUNDLE.toString(), "--grant", spentToken), out);
        assertTrue(err.contains("KW-L213") && err.contains("token already spent"), err);
    }

    @Test
    @Order(3)
    void aTokenNotBoundToTheCidIsRefused() throws Exception {
        String unbound = token(List.of(Capability.DEPLOY), "channel.*", Optional.empty(), ALICE);
        assertEquals(ExitCodes.CHECK_FAILED, onNode("pointer", "set", "prod", BUNDLE.toString(), "--grant", unbound), out);
        assertTrue(err.contains("KW-L211"), err);
    }

    @Test
    @Order(4)
    void aChangeThatCannotApplyIsRefusedBeforeTheTokenIsSpent() throws Exception {
        unspentTrustToken = token(List.of(Capability.TRUST), "trust.*", Optional.empty(), ALICE, BOB);
        assertEquals(ExitCodes.CHECK_FAILED, onNode("trust", "revoke-signer", "nobody", "--grant", unspentTrustToken), out);
        assertTrue(err.contains("list no key 'nobody'"), err);
    }

    @Test
    @Order(5)
    void revokingASignerTakesTwoPeopleAndThenItsTokensAreRefused() throws Exception {
        String aliceAlone = token(List.of(Capability.TRUST), "trust.bob", Optional.empty(), ALICE);
        assertEquals(ExitCodes.CHECK_FAILED, onNode("trust", "revoke-signer", "bob", "--grant", aliceAlone), out);
        assertTrue(err.contains("KW-L210"), err);
        String byBob = token(List.of(Capability.DEPLOY), "channel.prod", Optional.of(BUNDLE), BOB);
        // The token the refused revocation of 'nobody' carried was not spent by it: it revokes bob now.
        assertEquals(ExitCodes.OK, onNode("trust", "revoke-signer", "bob", "--grant", unspentTrustToken, "--format", "json"), err);
        assertTrue(out.contains("\"state\":\"revoked\""), out);
        assertEquals(ExitCodes.CHECK_FAILED, onNode("pointer", "set", "prod", BUNDLE.toString(), "--grant", byBob), out);
        assertTrue(err.contains("KW-L212"), err);
        assertEquals(ExitCodes.USAGE_OR_IO, onNode("trust", "revoke-signer", "bob", "--grant", aliceAlone), out);
        assertTrue(err.contains("already revoked"), "refused before any token check: " + err);
    }

    @Test
    @Order(6)
    void theAuditLogStreamsEverySpendAndRefusal() {
        assertEquals(ExitCodes.OK, onNode("audit", "tail", "--last", "100"), err);
        assertTrue(out.contains("\"spend\"") && out.contains("pointer.set"), out);
        assertTrue(out.contains("KW-L213") && out.contains("KW-L212") && out.contains("trust.revoke-signer"), out);
    }

    @Test
    @Order(7)
    void aSpentTokenIsStillRefusedAfterTheNodeRestarts() throws Exception {
        node.shutdown();
        assertTrue(node.awaitTermination(Duration.ofSeconds(60)), "the node stopped");
        node = startNode();
        assertEquals(ExitCodes.CHECK_FAILED, onNode("pointer", "set", "prod", BUNDLE.toString(), "--grant", spentToken), out);
        assertTrue(err.contains("KW-L213"), err);
        assertEquals(ExitCodes.OK, onNode("pointer", "get", "prod"), err);
        assertEquals(BUNDLE + System.lineSeparator(), out);
        assertEquals(ExitCodes.OK, onNode("trust", "list", "--format", "json"), err);
        assertTrue(out.contains("\"state\":\"revoked\""), "the revocation outlived the restart; the keyring did not re-add bob: " + out);
    }
}
