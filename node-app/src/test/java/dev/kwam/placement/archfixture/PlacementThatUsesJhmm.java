package dev.kwam.placement.archfixture;

/** A forbidden arrow for ModuleArrowsTest: the placer reaching up into the JHMM. */
public final class PlacementThatUsesJhmm {
    public Class<?> plan() {
        return dev.kwam.jhmm.RepairPlan.class;
    }
}
