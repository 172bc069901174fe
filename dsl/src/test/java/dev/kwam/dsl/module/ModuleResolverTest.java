package dev.kwam.dsl.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.codec.sign.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModuleResolverTest {
    private static final SigningKey RELEASE = SigningKey.generate();
    private static final byte[] SOURCE = "apiVersion \"kwam.dev/v0.2\"\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path store;

    private ModuleResolver resolver() {
        return new ModuleResolver(List.of(new DirectoryModuleStore(store)), List.of(RELEASE.publicKey()));
    }

    private void install(String path, byte[] source, Optional<ModuleSignature> signature) throws IOException {
        Path file = store.resolve(path + ".kwam");
        Files.createDirectories(file.getParent());
        Files.write(file, source);
        if (signature.isPresent()) {
            Files.writeString(store.resolve(path + ".kwam.sig"), signature.get().encode());
        }
    }

    private void installSigned(String path, byte[] source, SigningKey key) throws IOException {
        install(path, source, Optional.of(ModuleSignature.sign(new ModulePath(path), source, key)));
    }

    private ModuleRefusal.Code refusal(String importString, Optional<String> digest) throws IOException {
        ModuleResolver.Resolution r = resolver().resolve(importString, digest);
        return assertInstanceOf(ModuleRefusal.class, r, "expected a refusal for " + importString).code();
    }

    @Test
    void aSignedModuleResolvesWithItsDigestForProvenance() throws IOException {
        installSigned("std/faultdomains", SOURCE, RELEASE);

        ModuleResolver.Resolution r = resolver().resolve("std/faultdomains", Optional.of(Cid.of(SOURCE).toString()));

        ModuleResolver.VerifiedModule m = assertInstanceOf(ModuleResolver.VerifiedModule.class, r);
        assertEquals(Cid.of(SOURCE), m.digest());
        assertEquals(RELEASE.publicKey(), m.signer());
        assertEquals(new String(SOURCE, StandardCharsets.UTF_8), m.source());
    }

    @Test
    void aPinnedDigestThatDiffersIsFatal() throws IOException {
        installSigned("std/faultdomains", SOURCE, RELEASE);
        assertEquals(ModuleRefusal.Code.DIGEST_MISMATCH,
                refusal("std/faultdomains", Optional.of(Cid.of(new byte[] {1}).toString())));
    }

    @Test
    void aModuleAlteredAfterSigningIsRefused() throws IOException {
        installSigned("std/faultdomains", SOURCE, RELEASE);
        Files.writeString(store.resolve("std/faultdomains.kwam"), "apiVersion \"kwam.dev/v0.2\"\nlet evil = 1\n");
        assertEquals(ModuleRefusal.Code.BAD_SIGNATURE, refusal("std/faultdomains", Optional.empty()));
    }

    @Test
    void aSignatureForAnotherModuleCannotBeReplayed() throws IOException {
        installSigned("std/regions", SOURCE, RELEASE);
        install("std/faultdomains", SOURCE, Optional.of(ModuleSignature.sign(new ModulePath("std/regions"), SOURCE, RELEASE)));
        assertEquals(ModuleRefusal.Code.BAD_SIGNATURE, refusal("std/faultdomains", Optional.empty()));
    }

    @Test
    void anUnknownSignerOrNoSignatureIsRefused() throws IOException {
        installSigned("std/faultdomains", SOURCE, SigningKey.generate());
        install("std/unsigned", SOURCE, Optional.empty());
        assertEquals(ModuleRefusal.Code.UNKNOWN_SIGNER, refusal("std/faultdomains", Optional.empty()));
        assertEquals(ModuleRefusal.Code.UNSIGNED, refusal("std/unsigned", Optional.empty()));
        assertEquals(ModuleRefusal.Code.NOT_FOUND, refusal("std/nothing", Optional.empty()));
    }

    @Test
    void aSymbolicLinkOutOfTheStoreIsNotFollowed(@TempDir Path elsewhere) throws IOException {
        Path outside = elsewhere.resolve("secret.kwam");
        Files.write(outside, SOURCE);
        Files.createDirectories(store.resolve("std"));
        Files.createSymbolicLink(store.resolve("std/escape.kwam"), outside);
        assertEquals(ModuleRefusal.Code.NOT_FOUND, refusal("std/escape", Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource({
        "https://evil.example/faultdomains, FOREIGN_SCHEME",
        "file:std/faultdomains, FOREIGN_SCHEME",
        "/etc/passwd, ABSOLUTE_PATH",
        "~/modules/x, ABSOLUTE_PATH",
        "std/../../etc/passwd, PATH_TRAVERSAL",
        "./std/faultdomains, PATH_TRAVERSAL",
        "std//faultdomains, MALFORMED_PATH",
        "Std/FaultDomains, MALFORMED_PATH",
        "std/fault-domains, MALFORMED_PATH",
        "'', MALFORMED_PATH"})
    void importsThatCouldLeaveTheStoreAreRefusedByShape(String importString, ModuleRefusal.Code expected)
            throws IOException {
        assertEquals(expected, refusal(importString, Optional.empty()));
    }

    @Test
    void signatureFilesRoundTripAndJunkIsNotASignature() {
        ModuleSignature sig = ModuleSignature.sign(new ModulePath("std/faultdomains"), SOURCE, RELEASE);
        ModuleSignature back = ModuleSignature.decode(sig.encode()).orElseThrow();
        assertTrue(back.verifies());
        assertEquals(sig.digest(), back.digest());
        assertFalse(ModuleSignature.decode("kwam-module-signature v1\nmodule std/x\n").isPresent());
        assertFalse(ModuleSignature.decode(sig.encode().replace("digest sha256:", "digest sha512:")).isPresent());
    }

    @Test
    void theJarCarriesAtLeastOneReleaseKey() {
        assertFalse(ReleaseKeys.bundled().isEmpty());
    }
}
