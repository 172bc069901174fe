package dev.kwam.dsl.module;

import dev.kwam.codec.Cid;
import dev.kwam.codec.sign.PublicKey;
import dev.kwam.codec.sign.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A module's detached signature ({@code NAME.kwam.sig}), a small text file:
 * <pre>
 * kwam-module-signature v1
 * module std/faultdomains
 * digest sha256:…
 * signer ed25519:…
 * signature &lt;base64 Ed25519 signature&gt;
 * </pre>
 * The signature covers the first three lines exactly (each ending in {@code \n}), binding the module's
 * store path to its content digest, so a signed module cannot be replayed under another name.
 */
public record ModuleSignature(ModulePath module, Cid digest, PublicKey signer, byte[] signature) {
    static final String HEADER = "kwam-module-signature v1";

    public ModuleSignature {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Signs {@code source} as the module {@code path}: what a release engineer runs, offline. */
    public static ModuleSignature sign(ModulePath path, byte[] source, SigningKey key) {
        Cid digest = Cid.of(source);
        byte[] message = signedBytes(path, digest);
        return new ModuleSignature(path, digest, key.publicKey(), key.sign(message, 0, message.length));
    }

    /** True when the signature verifies against {@link #signer()} over this path and digest. */
    boolean verifies() {
        byte[] message = signedBytes(module, digest);
        return signer.verifies(message, 0, message.length, signature);
    }

    public String encode() {
        return new String(signedBytes(module, digest), StandardCharsets.UTF_8) + "signer " + signer + "\n"
                + "signature " + Base64.getEncoder().encodeToString(signature) + "\n";
    }

    /** Parses a {@code .sig} file; empty when it is not one (the caller refuses the module as unsigned). */
    public static Optional<ModuleSignature> decode(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length != 6 || !lines[5].isEmpty() || !lines[0].equals(HEADER)) {
            return Optional.empty();
        }
        try {
            ModulePath module = new ModulePath(field(lines[1], "module"));
            Cid digest = Cid.parse(field(lines[2], "digest"));
            PublicKey signer = PublicKey.parse(field(lines[3], "signer"));
            byte[] signature = Base64.getDecoder().decode(field(lines[4], "signature"));
            return Optional.of(new ModuleSignature(module, digest, signer, signature));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected '" + name + " …', got '" + line + "'");
        }
        return line.substring(name.length() + 1);
    }

    private static byte[] signedBytes(ModulePath path, Cid digest) {
        return (HEADER + "\nmodule " + path + "\ndigest " + digest + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
