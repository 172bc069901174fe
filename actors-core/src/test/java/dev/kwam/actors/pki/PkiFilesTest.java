package dev.kwam.actors.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On disk: PEM round trips, 0600 keys, no overwriting, and the checks a load makes before trusting files. */
class PkiFilesTest {
    private static CertificateAuthority ca;
    private static NodeCertificate node;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() throws Exception {
        ca = TestPki.ca(TestPki.DOMAIN, 0);
        node = TestPki.node(ca, "n-1", 1);
    }

    @Test
    void aCaRoundTripsThroughItsDirectoryWithItsKeyOwnerOnly() throws Exception {
        ca.write(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.crt"))));
        assertTrue(Files.readString(dir.resolve("ca.key")).startsWith("-----BEGIN PRIVATE KEY-----\n"), "unencrypted PKCS#8");
        assertTrue(Files.readString(dir.resolve("ca.crt")).startsWith("-----BEGIN CERTIFICATE-----\n"));
        CertificateAuthority loaded = CertificateAuthority.load(dir);
        assertEquals(ca.certificate(), loaded.certificate());
        assertEquals(TestPki.DOMAIN, loaded.trustDomain());
        NodeCertificate issued = loaded.issue(TestPki.id(TestPki.DOMAIN, "n-9"), TestPki.keys(3));
        issued.certificate().verify(ca.certificate().getPublicKey());
    }

    @Test
    void aNodeRoundTripsThroughItsDirectory() throws Exception {
        node.write(dir);
        assertEquals(List.of("ca.crt", "node.crt", "node.key"), list(dir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("node.key"))));
        NodeCertificate loaded = NodeCertificate.load(dir);
        assertEquals(node.id(), loaded.id());
        assertEquals(node.certificate(), loaded.certificate());
        assertEquals(ca.certificate(), loaded.caCertificate());
        assertArrayEquals(node.privateKey().getEncoded(), loaded.privateKey().getEncoded());
    }

    @Test
    void nothingIsOverwrittenAndNothingPartialIsLeft() throws Exception {
        Files.writeString(dir.resolve("node.key"), "precious");
        assertThrows(FileAlreadyExistsException.class, () -> node.write(dir));
        assertEquals(List.of("node.key"), list(dir));
        assertEquals("precious", Files.readString(dir.resolve("node.key")));
        ca.write(dir.resolve("ca"));
        assertThrows(FileAlreadyExistsException.class, () -> ca.write(dir.resolve("ca")));
    }

    @Test
    void aPkcs1RsaKeyIsReadToo() throws Exception {
        Path key = dir.resolve("pkcs1.key");
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(key))) {
            writer.writeObject(node.privateKey()); // BouncyCastle writes RSA keys as "RSA PRIVATE KEY"
        }
        assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertArrayEquals(node.privateKey().getEncoded(), PemFiles.readPrivateKey(key).getEncoded());
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheCommandThatDecryptsIt() throws Exception {
        Path key = dir.resolve("encrypted.key");
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(key))) {
            writer.writeObject(new JcaPKCS8Generator(node.privateKey(), encryptor));
        }
        PkiException refused = assertThrows(PkiException.class, () -> PemFiles.readPrivateKey(key));
        assertTrue(refused.fix().contains("openssl pkcs8"), refused.getMessage());
    }

    @Test
    void garbageIsRefusedAsNotACertificate() throws Exception {
        Path file = dir.resolve("garbage.crt");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + Base64.getEncoder().encodeToString(new byte[64])
                + "\n-----END CERTIFICATE-----\n");
        assertThrows(PkiException.class, () -> PemFiles.readCertificate(file));
        Files.writeString(file, "hello");
        assertThrows(PkiException.class, () -> PemFiles.readCertificate(file));
        Files.writeString(file, PemFiles.privateKeyPem(node.privateKey()));
        PkiException wrongKind = assertThrows(PkiException.class, () -> PemFiles.readCertificate(file));
        assertTrue(wrongKind.why().contains(PrivateKeyInfo.class.getSimpleName()), wrongKind.getMessage());
    }

    @Test
    void aNodeKeyFromAnotherPairIsRefused() throws Exception {
        node.write(dir);
        Files.delete(dir.resolve("node.key"));
        Files.writeString(dir.resolve("node.key"), PemFiles.privateKeyPem(TestPki.keys(2).getPrivate()));
        PkiException refused = assertThrows(PkiException.class, () -> NodeCertificate.load(dir));
        assertTrue(refused.what().contains("does not belong"), refused.getMessage());
    }

    @Test
    void aNodeCertificateFromAnotherCaIsRefused() throws Exception {
        node.write(dir);
        Files.delete(dir.resolve("ca.crt"));
        Files.writeString(dir.resolve("ca.crt"), PemFiles.certificatePem(TestPki.ca(TestPki.DOMAIN, 4).certificate()));
        PkiException refused = assertThrows(PkiException.class, () -> NodeCertificate.load(dir));
        assertTrue(refused.what().contains("not issued by this CA"), refused.getMessage());
    }

    @Test
    void anExpiredNodeCertificateIsRefusedAtLoad() throws Exception {
        node.write(dir);
        Clock twoYearsOn = Clock.fixed(Instant.now().plus(Duration.ofDays(730)), ZoneOffset.UTC);
        PkiException refused = assertThrows(PkiException.class, () -> NodeCertificate.load(dir, twoYearsOn));
        assertTrue(refused.what().contains("not valid now"), refused.getMessage());
    }

    @Test
    void aCaKeyFromAnotherPairIsRefused() throws Exception {
        ca.write(dir);
        Files.delete(dir.resolve("ca.key"));
        Files.write(dir.resolve("ca.key"), PemFiles.privateKeyPem(TestPki.keys(2).getPrivate()).getBytes(StandardCharsets.US_ASCII));
        assertThrows(PkiException.class, () -> CertificateAuthority.load(dir));
    }

    @Test
    void aNodeDirectoryIsNotACa() throws Exception {
        node.write(dir);
        Path fake = Files.createDirectory(dir.resolve("fake"));
        Files.copy(dir.resolve("node.crt"), fake.resolve("ca.crt"));
        Files.copy(dir.resolve("node.key"), fake.resolve("ca.key"));
        PkiException refused = assertThrows(PkiException.class, () -> CertificateAuthority.load(fake));
        assertTrue(refused.what().contains("not a CA"), refused.getMessage());
    }

    private static List<String> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
