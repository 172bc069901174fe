package dev.kwam.hud.archfixture;

/** A forbidden arrow for ModuleArrowsTest: the HUD reading the JHMM's plans instead of its events. */
public final class HudThatReadsJhmmInternals {
    public Class<?> plan() {
        return dev.kwam.jhmm.RepairPlan.class;
    }
}
