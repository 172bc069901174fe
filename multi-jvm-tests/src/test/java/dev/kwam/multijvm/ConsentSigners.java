package dev.kwam.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

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

    /** A token carrying {@code deploy} over {@code channel.CHANNEL}, bound to {@code cid}, signed by {@code id}, valid 1 h. */
    String mintPointerSet(String id, String channel, String cid) throws IOException, InterruptedException {
        NodeProcess.Outcome mint = NodeProcess.call(work, List.of("consent", "mint", "--key", key(id), "--caps", "deploy",
                "--resource", "channel." + channel, "--digest", cid, "--ttl", "1h"));
        return token(mint, "mint by " + id);
    }

    /** {@code token} with one more signature, by {@code id}. */
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
