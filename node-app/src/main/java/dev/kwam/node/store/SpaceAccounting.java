package dev.kwam.node.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals of what the store holds. Every change happens under the cid's stripe lock right
 * after the rename or unlink it describes, so the totals track the directory tree; the start-up scan
 * is the ground truth they are rebuilt from.
 */
final class SpaceAccounting {
    private final AtomicLong fragments = new AtomicLong();
    private final AtomicLong fragmentBytes = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong quarantinedBytes = new AtomicLong();

    SpaceAccounting(long fragments, long fragmentBytes, long quarantined, long quarantinedBytes) {
        this.fragments.set(fragments);
        this.fragmentBytes.set(fragmentBytes);
        this.quarantined.set(quarantined);
        this.quarantinedBytes.set(quarantinedBytes);
    }

    void stored(long bytes) {
        fragments.incrementAndGet();
        fragmentBytes.addAndGet(bytes);
    }

    void removed(long bytes) {
        fragments.decrementAndGet();
        fragmentBytes.addAndGet(-bytes);
    }

    /** A stored file left the fragment tree for quarantine. */
    void movedToQuarantine(long bytes) {
        removed(bytes);
        quarantined.incrementAndGet();
        quarantinedBytes.addAndGet(bytes);
    }

    long fragments() {
        return fragments.get();
    }

    long fragmentBytes() {
        return fragmentBytes.get();
    }

    long quarantined() {
        return quarantined.get();
    }

    long quarantinedBytes() {
        return quarantinedBytes.get();
    }
}
