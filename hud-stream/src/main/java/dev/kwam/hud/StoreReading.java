package dev.kwam.hud;

import java.time.Instant;

/** This node's fragment store as it counted itself: fragments and their bytes, and what it set aside (quarantine). */
public record StoreReading(long fragments, long bytes, long quarantined, long quarantinedBytes, Source source, Instant observedAt) {
}
