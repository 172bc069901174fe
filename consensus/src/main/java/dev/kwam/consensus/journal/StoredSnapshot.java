package dev.kwam.consensus.journal;

/** One entity snapshot as the group keeps it: where it stands in the entity's events, when, and its bytes. */
record StoredSnapshot(long sequenceNr, long timestamp, int serializerId, String serializerManifest, byte[] payload) {
}
