package dev.kwam.hud;

import java.util.concurrent.CompletionStage;

/**
 * What the HUD reads, supplied by whoever hosts it (node-app: the node's cluster view; {@code kwam sim}: a modeled
 * fleet). A reading that fails is served as {@link Source#UNAVAILABLE} with the reason, never as an empty fleet.
 */
public interface HudData {
    CompletionStage<FleetReading> fleet();
}
