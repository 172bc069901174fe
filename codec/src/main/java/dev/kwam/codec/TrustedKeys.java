package dev.kwam.codec;

import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.manifest.ManifestFormatException;
import dev.kwam.codec.sign.PublicKey;
import java.util.List;

/**
 * The signers a caller accepts manifests from. {@link #unchecked()} is the explicit, visible choice
 * not to check the signer; the signature itself is always checked against the key the manifest names.
 */
public final class TrustedKeys {
    private final List<PublicKey> keys;
    private final boolean checked;

    private TrustedKeys(List<PublicKey> keys, boolean checked) {
        this.keys = keys;
        this.checked = checked;
    }

    public static TrustedKeys of(List<PublicKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no trusted keys given; use TrustedKeys.unchecked() to skip the signer check");
        }
        return new TrustedKeys(List.copyOf(keys), true);
    }

    public static TrustedKeys of(PublicKey... keys) {
        return of(List.of(keys));
    }

    public static TrustedKeys unchecked() {
        return new TrustedKeys(List.of(), false);
    }

    public boolean checksSigner() {
        return checked;
    }

    public List<PublicKey> keys() {
        return keys;
    }

    /** Refuses a manifest that none of the trusted keys signed; a no-op when unchecked. */
    void require(Manifest manifest) throws ManifestFormatException {
        if (checked) {
            manifest.requireSignedBy(keys);
        }
    }
}
