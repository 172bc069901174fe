package dev.kwam.consensus.journal;

/**
 * One persisted event as the group keeps it: the Pekko serializer's id and manifest and its bytes, the event
 * adapter's manifest ({@code ""} when none), the writing incarnation's uuid and the writer's timestamp.
 */
record StoredEvent(long sequenceNr, int serializerId, String serializerManifest, String eventManifest,
                   String writerUuid, long timestamp, byte[] payload) {
}
