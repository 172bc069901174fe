package dev.kwam.node.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * What the store holds and how much room is left, for the HUD and the JHMM. Counts are kept
 * incrementally and rebuilt by the start-up scan; file-system figures are read live and are empty
 * when the file system would not say (never guessed).
 *
 * @param fragments        fragment files under {@code fragments/} (counted, not re-verified)
 * @param fragmentBytes    their total size in bytes (header + payload)
 * @param quarantined      files in {@code quarantine/} (sidecars not counted)
 * @param quarantinedBytes their total size
 * @param usableBytes      bytes the file system lets this process write (statvfs f_bavail)
 * @param totalBytes       size of the file system
 * @param reserveBytes     the free-space reserve in force on this file system
 * @param acceptingWrites  usable space is known and above the reserve
 */
public record StoreSnapshot(Path root, long fragments, long fragmentBytes, long quarantined, long quarantinedBytes,
        OptionalLong usableBytes, OptionalLong totalBytes, long reserveBytes, boolean acceptingWrites, Instant takenAt) {
}
