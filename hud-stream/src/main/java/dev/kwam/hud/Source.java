package dev.kwam.hud;

/**
 * Where a figure comes from, carried by every record the HUD serves: read from real nodes and real bytes
 * ({@code LIVE}), simulated or estimated ({@code MODELED}), or not readable at all ({@code UNAVAILABLE} — never
 * guessed, never drawn as 0 or green).
 */
public enum Source {
    LIVE, MODELED, UNAVAILABLE
}
