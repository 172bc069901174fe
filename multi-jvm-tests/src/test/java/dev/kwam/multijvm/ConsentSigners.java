package dev.kwam.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.ConsentKeyFiles;
import dev.kwam.dsl.consent.ConsentMint;
import dev.kwam.dsl.consent.ResourceGlob;
import dev.kwam.dsl.consent.TokenCodec;
import dev.kwam.dsl.vocab.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The people who consent, as the CLI makes them: {@code kwam consent keygen} writes each one's key pair, their
 * {@code .pub} files form the keyring the nodes are started with, and {@code kwam consent mint} / {@code cosign}
 * make the tokens (each a fresh JVM, as an operator's laptop would).
 */
final class ConsentSigners {
    private final Path work;
    private final Path keyring;

    private ConsentSigners(Path work, Path keyring) {
        this.work = work;
        this.keyring = keyring;
    }

    /** Key pairs for {@code ids} of one {@code signer} under {@code work/keys-ID}, their public halves in {@code work/keyring}. */
    static ConsentSigners keygen(Path work, String signer, List<String> ids) throws IOException, InterruptedException {
        Path keyring = Files.createDirectories(work.resolve("keyring"));
        for (String id : ids) {
            NodeProcess.run(work, List.of("consent", "keygen", "--signer", signer, "--id", id, "--out", "keys-" + id));
            Files.copy(work.resolve("keys-" + id).resolve(id + ".pub"), keyring.resolve(id + ".pub"));
        }
        return new ConsentSigners(work, keyring);
    }

    Path keyring() {
        return keyring;
    }

    /**
     * A token carrying {@code deploy} over {@code channel.CHANNEL}, bound to {@code cid}, signed by {@code id}, valid 1 h.
     * Minted in this JVM with the same code {@code kwam consent mint} runs (the keys came from {@code kwam consent keygen}):
     * a JVM start per token cost more than half of this test's time, and minting happens off the fleet anyway.
     */
    String mintPointerSet(String id, String channel, String cid) throws IOException {
        return TokenCodec.encode(ConsentMint.mint(ConsentKeyFiles.readPrivate(Path.of(key(id))), List.of(Capability.DEPLOY),
                ResourceGlob.parse("channel." + channel), Duration.ofHours(1), Optional.of(Cid.parse(cid)), Clock.systemUTC()));
    }

    /** {@code token} with one more signature, by {@code id}, through {@code kwam consent cosign}. */
    String cosign(String token, String id) throws IOException, InterruptedException {
        return token(NodeProcess.call(work, List.of("consent", "cosign", token, "--key", key(id))), "cosign by " + id);
    }

    private String key(String id) {
        return work.resolve("keys-" + id).resolve(id + ".key").toString();
    }

    private static String token(NodeProcess.Outcome outcome, String what) {
        assertEquals(0, outcome.exitCode(), what + ": " + outcome.stderr());
        String token = outcome.stdout().strip();
        assertTrue(token.startsWith("grant://") && !token.contains("\n"), what + " prints one token line: " + outcome.stdout());
        return token;
    }

    /** A well-formed cid, {@code sha256:} and the SHA-256 of {@code seed}: any cid is a valid pointer target. */
    static String cid(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
