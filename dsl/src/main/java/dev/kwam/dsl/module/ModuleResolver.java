package dev.kwam.dsl.module;

import dev.kwam.codec.Cid;
import dev.kwam.codec.sign.PublicKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Resolves an {@code import} against the stores in order, and accepts a module only when all of it
 * checks out: the path is a store path, the bytes hash to the pinned digest (when one is given), a
 * detached signature names this path and this digest, verifies, and comes from a trusted signer.
 * Anything less is refused with its own code; nothing is ever loaded half-verified.
 */
public final class ModuleResolver {

    /** A module that passed every check; {@code digest} goes into the program's provenance. */
    public record VerifiedModule(ModulePath path, Cid digest, PublicKey signer, String source, String location)
            implements Resolution {
    }

    /** Either a verified module or the reason there is none. */
    public sealed interface Resolution permits VerifiedModule, ModuleRefusal {
    }

    private final List<ModuleStore> stores;
    private final List<PublicKey> trustedSigners;

    public ModuleResolver(List<ModuleStore> stores, List<PublicKey> trustedSigners) {
        this.stores = List.copyOf(stores);
        this.trustedSigners = List.copyOf(trustedSigners);
    }

    /** The bundled {@code std} modules, trusting only KWAM's release keys. */
    public static ModuleResolver standard() {
        return new ModuleResolver(List.of(new BundledModuleStore()), ReleaseKeys.bundled());
    }

    public Resolution resolve(String importString, Optional<String> pinnedDigest) throws IOException {
        Optional<ModuleRefusal> badPath = ModulePath.check(importString);
        if (badPath.isPresent()) {
            return badPath.get();
        }
        ModulePath path = new ModulePath(importString);
        Optional<ModuleStore.Entry> found = Optional.empty();
        for (ModuleStore store : stores) {
            found = store.find(path);
            if (found.isPresent()) {
                break;
            }
        }
        if (found.isEmpty()) {
            return refuse(ModuleRefusal.Code.NOT_FOUND, path, "no such module in the module store",
                    "the std modules are std/faultdomains; check the spelling");
        }
        ModuleStore.Entry entry = found.get();
        Cid digest = Cid.of(entry.source());
        if (pinnedDigest.isPresent() && !pinnedDigest.get().equals(digest.toString())) {
            return refuse(ModuleRefusal.Code.DIGEST_MISMATCH, path, "the module's content hashes to " + digest
                    + ", not the pinned " + pinnedDigest.get() + ": it is not the module this policy was written against",
                    "if the change is intended, review it and pin the new digest");
        }
        Optional<ModuleSignature> signature = entry.signature().flatMap(ModuleSignature::decode);
        if (signature.isEmpty()) {
            return refuse(ModuleRefusal.Code.UNSIGNED, path, "no valid signature file (" + entry.location() + ".sig)",
                    "modules must be signed: kwam module sign");
        }
        ModuleSignature sig = signature.get();
        if (!sig.module().equals(path) || !sig.digest().equals(digest) || !sig.verifies()) {
            return refuse(ModuleRefusal.Code.BAD_SIGNATURE, path, "the signature does not cover this module's path and "
                    + "content (signed: " + sig.module() + " " + sig.digest() + "; found: " + digest + ")",
                    "the module was altered after signing; restore it or have it re-signed");
        }
        if (!trustedSigners.contains(sig.signer())) {
            return refuse(ModuleRefusal.Code.UNKNOWN_SIGNER, path, "signed by " + sig.signer()
                    + ", which is not a trusted module signer",
                    "add the signer's key to the trusted module keys only if you trust its author");
        }
        Optional<String> text = utf8(entry.source());
        if (text.isEmpty()) {
            return refuse(ModuleRefusal.Code.NOT_UTF8, path, "the module is not UTF-8 text", "re-save it as UTF-8");
        }
        return new VerifiedModule(path, digest, sig.signer(), text.get(), entry.location());
    }

    private static Resolution refuse(ModuleRefusal.Code code, ModulePath path, String why, String hint) {
        return ModuleRefusal.of(code, path.value(), why, hint);
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
