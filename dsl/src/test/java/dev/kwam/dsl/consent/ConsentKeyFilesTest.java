package dev.kwam.dsl.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files and keyrings: what is written can be read back, and every damaged file is named in its error. */
class ConsentKeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenPairReadsBackAndSigns() throws Exception {
        MintingKey alice = MintingKey.generate("acme-prod", "alice");
        ConsentKeyFiles.Written written = ConsentKeyFiles.write(alice, dir);
        assertEquals(dir.resolve("alice.key"), written.privateFile());
        assertEquals(dir.resolve("alice.pub"), written.publicFile());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written.privateFile())));
        MintingKey read = ConsentKeyFiles.readPrivate(written.privateFile());
        assertEquals(alice.identity(), read.identity());
        assertEquals(alice.identity(), ConsentKeyFiles.readPublic(written.publicFile()));
        ConsentToken token = ConsentFixtures.deployToken(read);
        assertTrue(token.signatures().get(0).verifies(token.body()));
        String pub = Files.readString(written.publicFile());
        assertTrue(pub.startsWith("# KWAM consent public key"), pub);
        assertTrue(pub.contains("\nsigner: acme-prod\nid: alice\nkey: ed25519:"), pub);
    }

    @Test
    void writingRefusesToReplaceAnExistingKey() throws Exception {
        ConsentKeyFiles.write(MintingKey.generate("acme-prod", "alice"), dir);
        byte[] before = Files.readAllBytes(dir.resolve("alice.key"));
        assertThrows(FileAlreadyExistsException.class,
                () -> ConsentKeyFiles.write(MintingKey.generate("acme-prod", "alice"), dir));
        assertEquals(new String(before), Files.readString(dir.resolve("alice.key")));
    }

    @Test
    void aPrivateKeyThatDoesNotMatchItsPublicLineIsRefused() throws Exception {
        ConsentKeyFiles.write(MintingKey.generate("acme-prod", "alice"), dir.resolve("a"));
        ConsentKeyFiles.write(MintingKey.generate("acme-prod", "alice"), dir.resolve("b"));
        String a = Files.readString(dir.resolve("a/alice.key"));
        String bKeyLine = Files.readString(dir.resolve("b/alice.pub")).lines().filter(l -> l.startsWith("key:"))
                .findFirst().orElseThrow();
        Path swapped = dir.resolve("swapped.key");
        Files.writeString(swapped, a.replaceFirst("key: ed25519:[0-9a-f]+", bKeyLine));
        KeyFileException e = assertThrows(KeyFileException.class, () -> ConsentKeyFiles.readPrivate(swapped));
        assertEquals(swapped, e.file());
        assertTrue(e.reason().contains("does not belong"), e.reason());
    }

    @Test
    void malformedPublicFilesAreRefusedNamingFileAndLine() throws Exception {
        String key = "key: " + MintingKey.generate("acme-prod", "x").identity().key();
        List<List<String>> cases = List.of(
                List.of("signer: acme-prod\nid: alice\n", "'key:' line is missing"),
                List.of("signer: acme-prod\nid: alice\nid: bob\n" + key + "\n", "line 3: 'id' is given twice"),
                List.of("signer: acme-prod\nid: alice\nowner: me\n" + key + "\n", "line 3: expected"),
                List.of("signer: Acme Prod\nid: alice\n" + key + "\n", "not a valid signer"),
                List.of("signer: acme-prod\nid: ../alice\n" + key + "\n", "not a valid key id"),
                List.of("signer: acme-prod\nid: alice\nkey: ed25519:00\n", "not a public key"),
                List.of("signer: acme-prod\nid: alice\n" + key + "\n-----BEGIN PRIVATE KEY-----\n", "PRIVATE key"),
                List.of("signer: acme-prod\u00e9\nid: alice\n" + key + "\n", "plain ASCII"));
        for (List<String> c : cases) {
            Path f = dir.resolve("alice.pub");
            Files.writeString(f, c.get(0));
            KeyFileException e = assertThrows(KeyFileException.class, () -> ConsentKeyFiles.readPublic(f), c.get(1));
            assertEquals(f, e.file());
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertTrue(e.reason().contains(c.get(1)), "'" + e.reason() + "' should mention '" + c.get(1) + "'");
        }
    }

    @Test
    void aKeyringLoadsEveryPubFileAndIgnoresOthers() throws Exception {
        MintingKey alice = MintingKey.generate("acme-prod", "alice");
        MintingKey bob = MintingKey.generate("acme-prod", "bob");
        Files.copy(ConsentKeyFiles.write(alice, dir.resolve("keys")).publicFile(), dir.resolve("alice.pub"));
        Files.copy(ConsentKeyFiles.write(bob, dir.resolve("keys")).publicFile(), dir.resolve("bob.pub"));
        Files.writeString(dir.resolve("README"), "keyring of acme-prod\n");
        Keyring ring = Keyring.load(dir);
        assertEquals(List.of(alice.identity(), bob.identity()), ring.keys());
        assertEquals(bob.identity(), ring.find(bob.identity().key()).orElseThrow());
    }

    @Test
    void keyringMistakesNameTheFile() throws Exception {
        KeyFileException empty = assertThrows(KeyFileException.class, () -> Keyring.load(dir));
        assertTrue(empty.reason().contains("no .pub files"), empty.reason());

        Path alicePub = ConsentKeyFiles.write(MintingKey.generate("acme-prod", "alice"), dir.resolve("keys")).publicFile();
        Files.copy(alicePub, dir.resolve("bob.pub"));
        KeyFileException misnamed = assertThrows(KeyFileException.class, () -> Keyring.load(dir));
        assertEquals(dir.resolve("bob.pub"), misnamed.file());
        assertTrue(misnamed.reason().contains("rename it to alice.pub"), misnamed.reason());

        Files.delete(dir.resolve("bob.pub"));
        Files.copy(alicePub, dir.resolve("alice.pub"));
        Files.writeString(dir.resolve("alice2.pub"), Files.readString(alicePub).replace("id: alice", "id: alice2"));
        KeyFileException sameKey = assertThrows(KeyFileException.class, () -> Keyring.load(dir));
        assertTrue(sameKey.reason().contains("also in alice.pub"), sameKey.reason());

        Files.delete(dir.resolve("alice2.pub"));
        Files.writeString(dir.resolve("broken.pub"), "hello\n");
        KeyFileException broken = assertThrows(KeyFileException.class, () -> Keyring.load(dir));
        assertEquals(dir.resolve("broken.pub"), broken.file());

        KeyFileException notDir = assertThrows(KeyFileException.class, () -> Keyring.load(alicePub));
        assertTrue(notDir.reason().contains("not a file"), notDir.reason());
    }

    @Test
    void keyringRefusesOneIdOrOneKeyTwice() {
        MintingKey alice = MintingKey.generate("acme-prod", "alice");
        SignerKey sameId = new SignerKey("acme-prod", "alice", MintingKey.generate("acme-prod", "x").identity().key());
        SignerKey sameKey = new SignerKey("acme-prod", "alias", alice.identity().key());
        assertThrows(IllegalArgumentException.class, () -> Keyring.of(List.of(alice.identity(), sameId)));
        assertThrows(IllegalArgumentException.class, () -> Keyring.of(List.of(alice.identity(), sameKey)));
    }
}
