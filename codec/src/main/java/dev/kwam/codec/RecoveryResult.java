package dev.kwam.codec;

import java.util.List;

/**
 * A successful recovery: every byte written was verified. {@code signerTrusted} is false when the
 * caller gave no trusted keys (the signature was checked against the manifest's own signer only).
 * {@code problems} lists fragments that were missing or corrupt but not needed.
 */
public record RecoveryResult(Cid manifestCid, Cid objectCid, long bytesWritten, boolean signerTrusted,
        List<FragmentProblem> problems) {
    public RecoveryResult {
        problems = List.copyOf(problems);
    }
}
