package dev.kwam.node.store;

import dev.kwam.codec.FragmentSource;

/**
 * Thrown by {@link FragmentStore#fetch} when the stored file failed verification: it has been moved
 * to quarantine (see {@link #quarantined()}), so it is distinguishable from "not found" (an empty
 * {@code Optional}) and from a plain I/O failure.
 */
public final class CorruptFragmentException extends StoreException implements FragmentSource.CorruptAtSource {
    private static final long serialVersionUID = 1L;
    private final transient QuarantineRecord quarantined;

    public CorruptFragmentException(QuarantineRecord quarantined) {
        super(new StoreError(StoreError.Code.CORRUPT_FRAGMENT, quarantined.file(),
                java.util.Optional.of(quarantined.cid().toString()),
                "stored fragment failed verification (" + quarantined.reason() + "); moved to quarantine",
                "nothing to do here: the file is never served again; repair rebuilds the fragment from its stripe"));
        this.quarantined = quarantined;
    }

    public QuarantineRecord quarantined() {
        return quarantined;
    }
}
