package dev.kwam.node.consent;

import dev.kwam.codec.Cid;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Where a channel points, as consensus recorded it: which cid, the how-many-th setting, when, by whom, and the cid before. */
public record ChannelPointer(String channel, Cid cid, long version, Instant setAt, String setBy, Optional<Cid> previous) {

    public ChannelPointer {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(setAt, "setAt");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(previous, "previous");
    }
}
