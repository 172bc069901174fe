package dev.kwam.hud;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the HUD reads, supplied by whoever hosts it (node-app: the node's cluster view; {@code kwam sim}: a modeled
 * fleet). A reading that fails is served as {@link Source#UNAVAILABLE} with the reason, never as an empty fleet.
 */
public interface HudData {
    CompletionStage<FleetReading> fleet();

    /** Up to {@code limit} objects in cid order after the cid {@code after} (exclusive) when given. */
    CompletionStage<ObjectsReading.Page> objects(int limit, Optional<String> after);

    /** One object's stripes and fragments; empty detail when no such object is known. */
    CompletionStage<ObjectsReading.One> object(String cid);

    /** The repair plan, budget, rate and tally, as the JHMM reports them. */
    CompletionStage<RepairsReading> repairs();

    /** The fleet's durability against the guard's target. */
    CompletionStage<DurabilityReading> durability();

    /** This host's event feed. */
    EventLog events();

    /**
     * Someone reads the HUD (its events, its repairs, its websocket): a host may follow what it would not follow for
     * nobody — node-app's nodes copy the JHMM's repair steps only from then on.
     */
    default void watch() {
    }

    /** This node's own fragment store; empty where there is none (a modeled fleet) or it is closed. */
    default Optional<StoreReading> store() {
        return Optional.empty();
    }
}
