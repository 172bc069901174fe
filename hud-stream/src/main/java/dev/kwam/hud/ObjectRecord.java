package dev.kwam.hud;

import java.util.Objects;

/** One protected object as the census lists it: its cid, the cid of its content, its size and how many stripes it has. */
public record ObjectRecord(String cid, String contentCid, long size, int stripes) {
    public ObjectRecord {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(contentCid, "contentCid");
    }
}
