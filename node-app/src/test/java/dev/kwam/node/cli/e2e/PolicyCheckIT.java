package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kwam check / explain / durability on the real jar with the guided tour: two acme-prod people mint
 * and co-sign a deploy token, the operator checks the program against a keyring of their keys.
 */
class PolicyCheckIT {

    @TempDir
    Path dir;

    private Path tour(String durability) throws Exception {
        assertEquals(0, KwamProcess.run(dir, "consent", "keygen", "--signer", "acme-prod", "--id", "alice", "--out", "keys").exit());
        assertEquals(0, KwamProcess.run(dir, "consent", "keygen", "--signer", "acme-prod", "--id", "bob", "--out", "keys").exit());
        Files.createDirectories(dir.resolve("keyring"));
        Files.copy(dir.resolve("keys/alice.pub"), dir.resolve("keyring/alice.pub"));
        Files.copy(dir.resolve("keys/bob.pub"), dir.resolve("keyring/bob.pub"));
        KwamProcess.Run mint = KwamProcess.run(dir, "consent", "mint", "--key", "keys/alice.key", "--caps", "deploy",
                "--resource", "fleet.h100_pool*", "--ttl", "1h");
        assertEquals(0, mint.exit(), mint.toString());
        KwamProcess.Run cosign = KwamProcess.run(dir, "consent", "cosign", mint.out().trim(), "--key", "keys/bob.key");
        assertEquals(0, cosign.exit(), cosign.toString());
        // This module's copy of the guided tour's program (src/test/resources/examples/README.md).
        String text = Files.readString(Path.of("src/test/resources/examples/h100_dc.kwam"));
        Path file = dir.resolve("h100_dc.kwam");
        Files.writeString(file, text.replace("grant://MINT_ME", cosign.out().trim()).replace("durability 6nines", "durability " + durability));
        return file;
    }

    @Test
    void theTourChecksAtSixNinesAndExplainsItsProvenance() throws Exception {
        tour("6nines");

        KwamProcess.Run check = KwamProcess.run(dir, "check", "h100_dc.kwam", "--keyring", "keyring");
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.out().contains("h100_dc.kwam: ok"), check.toString());

        KwamProcess.Run explain = KwamProcess.run(dir, "explain", "h100_dc.kwam", "--keyring", "keyring");
        assertEquals(0, explain.exit(), explain.toString());
        assertTrue(explain.out().contains("\"path\":\"std/faultdomains\"") && explain.out().contains("\"ca\":\"secret://vault/kwam/mtls-ca\"")
                && !explain.out().contains("grant://"), explain.toString());
    }

    @Test
    void elevenNinesAreRefusedInTextAndJsonAndExplainedByKwamDurability() throws Exception {
        tour("11nines");

        KwamProcess.Run text = KwamProcess.run(dir, "check", "h100_dc.kwam", "--keyring", "keyring");
        assertEquals(1, text.exit(), text.toString());
        assertTrue(text.out().contains("error[KW-L010]") && text.out().contains("^^^^^^^") && text.out().contains("= hint:"), text.toString());

        KwamProcess.Run json = KwamProcess.run(dir, "check", "--format", "json", "h100_dc.kwam", "--keyring", "keyring");
        assertEquals(1, json.exit(), json.toString());
        assertTrue(json.out().startsWith("{\"format_version\":\"1\",\"files\":[{\"file\":\"h100_dc.kwam\",\"ok\":false,\"errors\":"
                + "[{\"class\":\"lowering\",\"code\":\"KW-L010\",\"line\":"), json.toString());

        KwamProcess.Run durability = KwamProcess.run(dir, "durability", "h100_dc.kwam");
        assertEquals(1, durability.exit(), durability.toString());
        assertTrue(durability.out().contains("7 nines") && durability.out().contains("MODELED")
                && durability.out().contains("1 TiB"), durability.toString());
    }

    @Test
    void aMissingFileIsAnIoErrorAndNoKeyringIsAnError() throws Exception {
        assertEquals(2, KwamProcess.run(dir, "check", "nope.kwam").exit());
        tour("6nines");
        KwamProcess.Run noKeyring = KwamProcess.run(dir, "check", "h100_dc.kwam");
        assertEquals(1, noKeyring.exit(), noKeyring.toString());
        assertTrue(noKeyring.out().contains("KW-L020") && noKeyring.out().contains("--keyring"), noKeyring.toString());
    }
}
