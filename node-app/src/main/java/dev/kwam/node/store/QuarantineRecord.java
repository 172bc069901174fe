package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A file the store refused to serve and moved aside: which cid it was stored under, why it was
 * refused, when, and where it now lies (its sidecar {@code <file>.why} says the same on disk).
 */
public record QuarantineRecord(Cid cid, String reason, Instant when, Path file, long bytes) {
}
