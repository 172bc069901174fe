package dev.kwam.consensus.entities;

import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * What every must-agree entity shares: its events and snapshots go to the consensus journal, whatever the
 * actor system's default journal is, so an entity can never silently persist somewhere that does not fence.
 */
abstract class MustAgreeEntity<C, E, S> extends EventSourcedBehavior<C, E, S> {
    static final String JOURNAL = "kwam.consensus.journal";
    static final String SNAPSHOT_STORE = "kwam.consensus.snapshot-store";

    MustAgreeEntity(PersistenceId persistenceId) {
        super(persistenceId);
    }

    @Override
    public String journalPluginId() {
        return JOURNAL;
    }

    @Override
    public String snapshotPluginId() {
        return SNAPSHOT_STORE;
    }
}
