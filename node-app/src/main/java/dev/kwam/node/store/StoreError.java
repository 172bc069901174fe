package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the fragment store refused or failed an operation, as an operator reads it: a code a caller
 * can switch on, the place (a path, and the fragment when there is one), the reason the system
 * gave, and how to fix it.
 */
public record StoreError(Code code, Path where, Optional<String> cid, String why, String fix) {

    /** What kind of failure; callers branch on this, never on the message text. */
    public enum Code {
        /** The file system ran out of space (ENOSPC/EDQUOT) during a write; nothing was stored. */
        DISK_FULL,
        /** The write would take free space below the configured reserve; refused before touching the disk. */
        RESERVE_REACHED,
        /** {@code put} was handed a fragment whose bytes do not hash to its cid; nothing was stored. */
        FRAGMENT_MISMATCH,
        /** A stored file failed verification on read; it was moved to quarantine and is never served. */
        CORRUPT_FRAGMENT,
        /** Any other I/O failure: permissions, EIO from the device, a failed fsync. */
        IO_ERROR,
        /** Another store (this process or another) holds the directory's lock. */
        STORE_LOCKED
    }

    public StoreError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * Classifies an I/O failure while {@code doing} something at {@code where}. ENOSPC and EDQUOT
     * reach Java only as the kernel's strerror text (no errno is exposed), so that text is what is
     * matched; everything else is an {@link Code#IO_ERROR} carrying the system's own reason.
     */
    static StoreError fromIo(IOException e, String doing, Path where, Optional<Cid> cid) {
        String reason = reasonOf(e);
        Optional<String> cidText = cid.map(Cid::toString);
        if (isOutOfSpace(e)) {
            return new StoreError(Code.DISK_FULL, where, cidText, doing + " failed: the file system is full (" + reason + ")",
                    "free space on the file system holding " + where + " (or raise the quota), or lower the "
                            + "node's capacity; nothing partial was kept and every fragment stored before is intact");
        }
        return new StoreError(Code.IO_ERROR, where, cidText, doing + " failed: " + reason,
                "check the device and permissions of " + where + " (dmesg, smartctl, ls -l); nothing partial was kept");
    }

    static StoreError diskFull(Path root, Cid cid, long usable, long needed) {
        return new StoreError(Code.DISK_FULL, root, Optional.of(cid.toString()),
                "the file system is full: storing " + needed + " bytes, only " + usable + " usable",
                "free space on the file system holding " + root + ", or add capacity; nothing was written");
    }

    static StoreError reserveReached(Path root, Cid cid, long usable, long needed, long reserve) {
        return new StoreError(Code.RESERVE_REACHED, root, Optional.of(cid.toString()),
                "storing " + needed + " bytes would leave " + (usable - needed) + " of " + usable
                        + " usable bytes, below the free-space reserve of " + reserve + " bytes",
                "the node stops accepting fragments before the disk fills: free space, add capacity, or lower the "
                        + "reserve (StoreOptions) if the file system is dedicated to the store");
    }

    static boolean isOutOfSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private static String reasonOf(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + " (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One line: {@code CODE: why (where, cid). fix: ...}. */
    public String describe() {
        return code + ": " + why + " (at " + where + cid.map(c -> ", fragment " + c).orElse("") + "). fix: " + fix;
    }
}
