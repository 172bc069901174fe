package dev.kwam.node.heal;

import dev.kwam.dsl.policy.Policy;
import dev.kwam.dsl.policy.ReplicateBlock;
import dev.kwam.jhmm.BudgetSource;
import dev.kwam.jhmm.RepairBudget;
import dev.kwam.node.config.HealSettings;
import dev.kwam.node.config.NodeSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The repair budget, repair delay and scrub interval a node runs with. With a policy, its first {@code replicate}
 * block's {@code repair { max_concurrent, bandwidth, delay, scrub_interval }}; without one, {@code kwam.node.repair.*}
 * and 24 h. {@code kwam.node.scrub-interval} ({@code kwam up --scrub-interval}) wins over both. The budget is
 * the JHMM's, and the JHMM runs once per cluster: these limits are cluster-wide (docs/jhmm.md, "The budget").
 *
 * @param repairDelay how long a removed node may stay away before what only it held is rebuilt (docs/jhmm.md,
 *                    "Repair delay"); the policy's {@code repair.delay} (default 0), else {@code kwam.node.repair.delay}
 * @param source     where the values came from, for the log line
 * @param budgetFrom where the budget came from, as reports show it: {@value #FROM_POLICY} or {@value #FROM_NODE_KEYS}
 */
public record HealPolicy(RepairBudget.Limits limits, Duration scrubInterval, Duration repairDelay, String source,
        String budgetFrom) {
    public static final String FROM_POLICY = "policy";
    public static final String FROM_NODE_KEYS = "kwam.node.repair (no policy)";

    /** With the node's policy compiled again for its values ({@link NodePolicy}). */
    public static HealPolicy of(NodeSettings settings) {
        return of(settings, NodePolicy.of(settings));
    }

    /** {@code policy}: the node's compiled policy, empty without one. */
    static HealPolicy of(NodeSettings settings, Optional<Policy> policy) {
        HealSettings heal = settings.heal();
        Optional<ReplicateBlock.Repair> repair = policy.flatMap(p -> p.replicates().stream().findFirst())
                .map(ReplicateBlock::repair);
        RepairBudget.Limits limits = repair.map(RepairBudget.Limits::of)
                .orElse(new RepairBudget.Limits(heal.maxConcurrent(), heal.bandwidth()));
        Duration scrub = heal.scrubInterval()
                .orElse(repair.map(ReplicateBlock.Repair::scrubInterval).orElse(HealSettings.DEFAULT_SCRUB_INTERVAL));
        Duration delay = repair.map(ReplicateBlock.Repair::delay).orElse(heal.repairDelay());
        String source = (repair.isPresent() ? "policy " + settings.policy().get().getFileName() : "kwam.node.repair")
                + (heal.scrubInterval().isPresent() ? ", scrub interval from kwam.node.scrub-interval" : "");
        return new HealPolicy(limits, scrub, delay, source, repair.isPresent() ? FROM_POLICY : FROM_NODE_KEYS);
    }

    /** The configured budget as the JHMM reports it until (and after) an operator overrides it. */
    public BudgetSource budget() {
        return BudgetSource.configured(budgetFrom, limits);
    }
}
