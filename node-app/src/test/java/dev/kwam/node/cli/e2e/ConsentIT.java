package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.ConsentRequest;
import dev.kwam.dsl.consent.ConsentVerdict;
import dev.kwam.dsl.consent.ConsentVerifier;
import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.consent.RefusalCode;
import dev.kwam.dsl.consent.ResourceName;
import dev.kwam.dsl.vocab.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kwam consent …} through the real jar: keys on disk, a token minted by one person and
 * co-signed by another, read back by inspect and by the verifier lowering uses.
 */
class ConsentIT {
    private static final String TOKEN_LINE = "grant://[A-Za-z0-9_-]+\n";

    @TempDir
    static Path dir;

    @BeforeAll
    static void twoPeopleOfAcmeAndOneOutsider() throws Exception {
        ok(KwamProcess.run(dir, "consent", "keygen", "--signer", "acme-prod", "--id", "alice", "--out", "keys"));
        ok(KwamProcess.run(dir, "consent", "keygen", "--signer", "acme-prod", "--id", "bob", "--out", "keys"));
        ok(KwamProcess.run(dir, "consent", "keygen", "--signer", "evil-corp", "--out", "outsider"));
        Files.createDirectories(dir.resolve("ring"));
        for (String pub : List.of("keys/alice.pub", "keys/bob.pub", "outsider/evil-corp.pub")) {
            Path from = dir.resolve(pub);
            Files.copy(from, dir.resolve("ring").resolve(from.getFileName()));
        }
    }

    @Test
    void keygenWritesAPrivateKeyOnlyItsOwnerCanReadAndRefusesToOverwrite() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/alice.key"))));
        String pub = Files.readString(dir.resolve("keys/alice.pub"));
        assertTrue(pub.contains("signer: acme-prod\nid: alice\nkey: ed25519:"), pub);
        assertTrue(Files.exists(dir.resolve("outsider/evil-corp.key")), "--id defaults to the signer name");
        byte[] before = Files.readAllBytes(dir.resolve("keys/alice.key"));

        KwamProcess.Run again = KwamProcess.run(dir, "consent", "keygen", "--signer", "acme-prod", "--id", "alice",
                "--out", "keys");
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().contains("refusing to overwrite an existing key"), again.toString());
        assertTrue(again.err().contains("where: keys/alice.key"), again.toString());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("keys/alice.key")));
    }

    @Test
    void aMintedTokenInspectsAndVerifiesAsMinted() throws Exception {
        Cid bundle = Cid.of("bundle".getBytes(StandardCharsets.UTF_8));
        KwamProcess.Run mint = KwamProcess.run(dir, "consent", "mint", "--key", "keys/alice.key", "--caps",
                "deploy,quarantine", "--resource", "fleet.h100_pool*", "--ttl", "1h", "--digest", bundle.toString());
        ok(mint);
        assertTrue(mint.out().matches(TOKEN_LINE), "stdout must be exactly the token line:\n" + mint);
        assertTrue(mint.err().contains("signed by alice"), mint.toString());
        String token = mint.out().strip();

        KwamProcess.Run inspect = KwamProcess.run(dir, "consent", "inspect", token, "--format", "json");
        ok(inspect);
        String json = inspect.out();
        for (String expected : List.of("\"signer\":\"acme-prod\"", "\"caps\":[\"deploy\",\"quarantine\"]",
                "\"resource\":\"fleet.h100_pool*\"", "\"digest\":\"" + bundle + "\"", "\"state\":\"in_window\"",
                "\"verifies\":true", "\"keyring_checked\":false")) {
            assertTrue(json.contains(expected), expected + " missing from\n" + inspect);
        }

        // The same text is what kwam check will hand the verifier.
        ConsentVerifier verifier = new ConsentVerifier(Keyring.load(dir.resolve("ring")), Clock.systemUTC());
        ConsentVerdict single = verifier.verify(token, new ConsentRequest("acme-prod", Capability.DEPLOY,
                ResourceName.parse("fleet.h100_pool"), false, Optional.of(bundle)));
        assertTrue(single.accepted(), single.refusals().toString());
        ConsentVerdict dual = verifier.verify(token, new ConsentRequest("acme-prod", Capability.DEPLOY,
                ResourceName.parse("fleet.h100_pool"), true, Optional.of(bundle)));
        assertEquals(java.util.Set.of(RefusalCode.DUAL_CONTROL_NOT_MET), dual.codes());
    }

    @Test
    void aSecondPersonCosignsForDualControlAndNobodyElseCan() throws Exception {
        Path minted = dir.resolve("dual-1.txt");
        KwamProcess.Run mint = KwamProcess.run(dir, "consent", "mint", "--key", "keys/alice.key", "--caps", "deploy",
                "--resource", "fleet.**", "--ttl", "15m");
        ok(mint);
        Files.writeString(minted, mint.out());

        KwamProcess.Run cosign = KwamProcess.run(dir, "consent", "cosign", "@" + minted.getFileName(), "--key", "keys/bob.key");
        ok(cosign);
        assertTrue(cosign.out().matches(TOKEN_LINE), cosign.toString());
        Path cosigned = dir.resolve("dual-2.txt");
        Files.writeString(cosigned, cosign.out());

        KwamProcess.Run twice = KwamProcess.run(dir, "consent", "cosign", "@dual-2.txt", "--key", "keys/alice.key");
        assertEquals(1, twice.exit(), twice.toString());
        assertTrue(twice.err().contains("already signed this token"), twice.toString());
        assertEquals("", twice.out());

        KwamProcess.Run outsider = KwamProcess.run(dir, "consent", "cosign", "@dual-1.txt", "--key", "outsider/evil-corp.key");
        assertEquals(1, outsider.exit(), outsider.toString());
        assertTrue(outsider.err().contains("the token is for signer 'acme-prod'"), outsider.toString());

        KwamProcess.Run inspect = runWithStdin(cosigned, "consent", "inspect", "-", "--keyring", "ring");
        ok(inspect);
        assertTrue(inspect.out().contains("verifies; key 'alice' of signer acme-prod"), inspect.toString());
        assertTrue(inspect.out().contains("verifies; key 'bob' of signer acme-prod"), inspect.toString());
        assertFalse(inspect.out().toLowerCase(java.util.Locale.ROOT).contains("trusted"), inspect.toString());

        ConsentVerdict verdict = new ConsentVerifier(Keyring.load(dir.resolve("ring")), Clock.systemUTC()).verify(
                cosign.out().strip(), new ConsentRequest("acme-prod", Capability.DEPLOY, ResourceName.parse("fleet.h100_pool"),
                        true, Optional.empty()));
        assertTrue(verdict.accepted(), verdict.refusals().toString());
    }

    @Test
    void inspectWithAKeyringReportsForeignKeysAndBrokenSignaturesWithExitOne() throws Exception {
        KwamProcess.Run mint = KwamProcess.run(dir, "consent", "mint", "--key", "outsider/evil-corp.key", "--caps", "read",
                "--resource", "fleet.h100_pool", "--ttl", "5m");
        ok(mint);
        Files.createDirectories(dir.resolve("acme-ring"));
        Files.copy(dir.resolve("keys/alice.pub"), dir.resolve("acme-ring/alice.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        KwamProcess.Run foreign = KwamProcess.run(dir, "consent", "inspect", mint.out().strip(), "--keyring", "acme-ring");
        assertEquals(1, foreign.exit(), foreign.toString());
        assertTrue(foreign.out().contains("verifies; key NOT in the keyring"), foreign.toString());

        KwamProcess.Run broken = KwamProcess.run(dir, "consent", "inspect", flipOneSignatureDigit(mint.out().strip()));
        assertEquals(1, broken.exit(), broken.toString());
        assertTrue(broken.out().contains("DOES NOT VERIFY"), broken.toString());
        assertTrue(broken.err().contains("1 of 1 signature(s) do not verify"), broken.toString());
    }

    @Test
    void mistakesAreUsageErrorsWithExitTwo() throws Exception {
        KwamProcess.Run unknownCap = KwamProcess.run(dir, "consent", "mint", "--key", "keys/alice.key", "--caps", "deploy,reboot",
                "--resource", "fleet.*", "--ttl", "1h");
        assertEquals(2, unknownCap.exit(), unknownCap.toString());
        assertTrue(unknownCap.err().contains("unknown capability 'reboot'"), unknownCap.toString());
        assertEquals("", unknownCap.out());

        KwamProcess.Run missingTtl = KwamProcess.run(dir, "consent", "mint", "--key", "keys/alice.key", "--caps", "deploy",
                "--resource", "fleet.*");
        assertEquals(2, missingTtl.exit(), missingTtl.toString());
        assertTrue(missingTtl.err().contains("--ttl"), missingTtl.toString());

        KwamProcess.Run malformed = KwamProcess.run(dir, "consent", "inspect", "grant://not-really");
        assertEquals(2, malformed.exit(), malformed.toString());
        assertTrue(malformed.err().contains("the token is malformed"), malformed.toString());
        assertTrue(malformed.err().contains("fix:"), malformed.toString());

        KwamProcess.Run bare = KwamProcess.run(dir, "consent");
        assertEquals(2, bare.exit(), bare.toString());
        assertTrue(bare.err().contains("missing a command"), bare.toString());
    }

    /** Re-encodes the token with one hex digit of its signature changed: still canonical, no longer valid. */
    private static String flipOneSignatureDigit(String token) {
        String payload = token.substring("grant://".length());
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.US_ASCII);
        int at = json.indexOf("\"sig\":\"") + 7;
        char flipped = json.charAt(at) == '0' ? '1' : '0';
        String tampered = json.substring(0, at) + flipped + json.substring(at + 1);
        return "grant://" + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered.getBytes(StandardCharsets.US_ASCII));
    }

    private static void ok(KwamProcess.Run run) {
        assertEquals(0, run.exit(), run.toString());
    }

    /** Like {@link KwamProcess#run}, with {@code stdin} as the process's standard input (for TOKEN given as '-'). */
    private static KwamProcess.Run runWithStdin(Path stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", KwamProcess.jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("kwam-stdout", ".txt");
        Path err = Files.createTempFile("kwam-stderr", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(stdin.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kwam " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new KwamProcess.Run(String.join(" ", args) + " < " + stdin.getFileName(), process.exitValue(),
                    Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
