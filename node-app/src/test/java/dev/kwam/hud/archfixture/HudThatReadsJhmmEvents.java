package dev.kwam.hud.archfixture;

/** An allowed arrow for ModuleArrowsTest: the HUD reading the JHMM's published events. */
public final class HudThatReadsJhmmEvents {
    public Class<?> event() {
        return dev.kwam.jhmm.RepairEvent.class;
    }
}
