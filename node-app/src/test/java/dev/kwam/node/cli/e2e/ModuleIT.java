package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kwam module sign / verify on the real jar: what a release engineer and an operator run. */
class ModuleIT {

    @TempDir
    Path dir;

    @Test
    void aSignedModuleVerifiesUntilItIsAltered() throws Exception {
        assertEquals(0, KwamProcess.run(dir, "keygen", "--out", "release").exit());
        Files.createDirectories(dir.resolve("store/site"));
        Files.writeString(dir.resolve("store/site/racks.kwam"), "apiVersion \"kwam.dev/v0.2\"\n");

        KwamProcess.Run sign = KwamProcess.run(dir, "module", "sign", "store/site/racks.kwam", "--path", "site/racks",
                "--key", "release");
        assertEquals(0, sign.exit(), sign.toString());
        assertTrue(Files.isRegularFile(dir.resolve("store/site/racks.kwam.sig")));

        KwamProcess.Run untrusted = KwamProcess.run(dir, "module", "verify", "site/racks", "--store", "store");
        assertEquals(1, untrusted.exit(), untrusted.toString());
        assertTrue(untrusted.err().contains("KW-L108"), untrusted.toString());

        KwamProcess.Run trusted = KwamProcess.run(dir, "module", "verify", "site/racks", "--store", "store", "--trust",
                "release");
        assertEquals(0, trusted.exit(), trusted.toString());
        assertTrue(trusted.out().contains("(verified)"), trusted.toString());

        Files.writeString(dir.resolve("store/site/racks.kwam"), "apiVersion \"kwam.dev/v0.2\"\n# altered\n");
        KwamProcess.Run altered = KwamProcess.run(dir, "module", "verify", "site/racks", "--store", "store", "--trust",
                "release");
        assertEquals(1, altered.exit(), altered.toString());
        assertTrue(altered.err().contains("KW-L109"), altered.toString());
    }

    @Test
    void pathsThatLeaveTheStoreAreUsageErrorsForSignAndRefusalsForVerify() throws Exception {
        assertEquals(0, KwamProcess.run(dir, "keygen", "--out", "release").exit());
        Files.writeString(dir.resolve("m.kwam"), "apiVersion \"kwam.dev/v0.2\"\n");

        KwamProcess.Run sign = KwamProcess.run(dir, "module", "sign", "m.kwam", "--path", "../evil", "--key", "release");
        assertEquals(2, sign.exit(), sign.toString());

        KwamProcess.Run verify = KwamProcess.run(dir, "module", "verify", "https://evil.example/m");
        assertEquals(1, verify.exit(), verify.toString());
        assertTrue(verify.err().contains("KW-L101"), verify.toString());
    }
}
