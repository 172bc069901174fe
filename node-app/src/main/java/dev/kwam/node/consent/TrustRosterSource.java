package dev.kwam.node.consent;

import java.util.concurrent.CompletionStage;

/** Where the gate reads the fleet's trust roots: a linearizable read through consensus. */
@FunctionalInterface
public interface TrustRosterSource {
    CompletionStage<TrustRoster> roster();
}
