package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the repair limits in force come from, reported with them ({@link RepairStatus#budgetSource()}) so an
 * operator reading a slow repair can tell a policy from a forgotten run-time override.
 *
 * @param configuredFrom what gave the configured limits: {@code policy}, {@code kwam.node.repair (no policy)}, …
 * @param configured     the configured limits: what an override replaces and a reset returns to
 * @param override       present when someone set other limits at run time
 */
public record BudgetSource(String configuredFrom, RepairBudget.Limits configured, Optional<Override> override)
        implements KwamSerializable {

    /** Who set the limits at run time and when: a SPIFFE ID for a gRPC caller, {@code actor API} otherwise. */
    public record Override(String setBy, Instant setAt) implements KwamSerializable {
        public Override {
            Objects.requireNonNull(setBy, "setBy");
            Objects.requireNonNull(setAt, "setAt");
        }
    }

    public BudgetSource {
        Objects.requireNonNull(configuredFrom, "configuredFrom");
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(override, "override");
    }

    /** The configured limits are in force. */
    public static BudgetSource configured(String from, RepairBudget.Limits limits) {
        return new BudgetSource(from, limits, Optional.empty());
    }

    /** The same configured limits, overridden by {@code setBy} at {@code setAt}. */
    public BudgetSource overriddenBy(String setBy, Instant setAt) {
        return new BudgetSource(configuredFrom, configured, Optional.of(new Override(setBy, setAt)));
    }

    /** {@code policy}, {@code kwam.node.repair (no policy)}, or {@code override set by <who> at <time>}. */
    public String describe() {
        return override.map(o -> "override set by " + o.setBy() + " at " + o.setAt()).orElse(configuredFrom);
    }
}
