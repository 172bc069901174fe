package dev.kwam.placement.census;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.util.List;
import java.util.Objects;

/**
 * A protected object: its name (the cid of its signed manifest), what it holds, and which nodes
 * keep a copy of the manifest.
 *
 * @param object          the manifest's cid — the name clients use
 * @param contentCid      SHA-256 of the object's bytes
 * @param size            the object's length in bytes
 * @param stripes         how many stripes (chunks) it has
 * @param manifestHolders nodes holding the manifest
 * @param createdAtMillis when it was acknowledged
 */
public record ObjectEntry(Cid object, Cid contentCid, long size, int stripes, List<String> manifestHolders,
        long createdAtMillis) implements KwamSerializable {
    public ObjectEntry {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(contentCid, "contentCid");
        manifestHolders = List.copyOf(manifestHolders);
    }
}
