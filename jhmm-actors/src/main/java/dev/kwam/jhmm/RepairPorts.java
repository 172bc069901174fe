package dev.kwam.jhmm;

import dev.kwam.placement.census.Census;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What repairs talk to outside themselves: node-app wires the data plane behind the fetcher and the
 * writer, its census actor, and the {@code kwam.codec-dispatcher} as {@code codec}
 * ({@link RepairSupervisor#codecExecutor}). One {@link RepairBudget} is shared by every repair.
 */
public record RepairPorts(FragmentFetcher fetcher, FragmentWriter writer, ActorRef<Census.Command> census, Executor codec,
        RepairBudget budget) {
}
