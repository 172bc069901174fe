package dev.kwam.codec.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    private static final byte[] MESSAGE = "manifest bytes".getBytes(StandardCharsets.US_ASCII);

    @Test
    void writesAPrivateKeyOnlyItsOwnerCanReadAndReadsThePairBack(@TempDir Path dir) throws IOException {
        SigningKey key = SigningKey.generate();
        KeyFiles.write(key, dir);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("kwam.key"))));
        SigningKey read = KeyFiles.readSigningKey(dir);
        assertEquals(key.publicKey(), read.publicKey());
        assertEquals(key.publicKey(), KeyFiles.readPublicKey(dir.resolve("kwam.pub")));
        assertEquals(key.publicKey(), KeyFiles.readPublicKey(Path.of(key.publicKey().toString())));
        byte[] sig = read.sign(MESSAGE, 0, MESSAGE.length);
        assertTrue(key.publicKey().verifies(MESSAGE, 0, MESSAGE.length, sig));
    }

    @Test
    void refusesToOverwriteAnExistingKey(@TempDir Path dir) throws IOException {
        KeyFiles.write(SigningKey.generate(), dir);
        assertThrows(FileAlreadyExistsException.class, () -> KeyFiles.write(SigningKey.generate(), dir));
    }

    @Test
    void refusesAPrivateKeyPairedWithSomeoneElsesPublicKey(@TempDir Path a, @TempDir Path b) throws IOException {
        KeyFiles.write(SigningKey.generate(), a);
        KeyFiles.write(SigningKey.generate(), b);
        Files.copy(b.resolve("kwam.pub"), a.resolve("kwam.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException e = assertThrows(IOException.class, () -> KeyFiles.readSigningKey(a));
        assertTrue(e.getMessage().contains("not one key pair"), e.getMessage());
    }

    @Test
    void rawEncodingRoundTripsAndSignaturesDoNotCrossKeys() {
        SigningKey key = SigningKey.generate();
        PublicKey pub = PublicKey.fromRaw(key.publicKey().raw());
        assertEquals(key.publicKey(), pub);
        assertEquals(pub, PublicKey.parse(pub.toString()));
        byte[] sig = key.sign(MESSAGE, 0, MESSAGE.length);
        assertTrue(pub.verifies(MESSAGE, 0, MESSAGE.length, sig));
        assertFalse(SigningKey.generate().publicKey().verifies(MESSAGE, 0, MESSAGE.length, sig));
        sig[10] ^= 1;
        assertFalse(pub.verifies(MESSAGE, 0, MESSAGE.length, sig));
    }
}
