package dev.kwam.dsl.policy;

import dev.kwam.codec.Cid;
import java.util.List;

/** Where a policy came from: the file's digest, every imported module's digest and signer, and the compiler. */
public record Provenance(String file, Cid fileDigest, List<ImportedModule> modules, String compilerVersion) {

    public Provenance {
        modules = List.copyOf(modules);
    }

    /** {@code signer} is the Ed25519 key that signed the module, as {@code ed25519:<hex>}. */
    public record ImportedModule(String path, String alias, Cid digest, String signer) {
    }
}
