package dev.kwam.node.up;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * A part of a node that holds something the ActorSystem does not release by itself — a bound port,
 * an open directory, later a Raft log. {@link NodeRoot} starts subsystems in order and registers
 * each one's {@link #stop()} with CoordinatedShutdown in the phase it names, so they stop in the
 * order the phases run: ports first (nothing new arrives), files last (nothing still writes).
 */
public interface Subsystem {
    /** Names its CoordinatedShutdown task, {@code kwam-<name>}. */
    String name();

    /** The CoordinatedShutdown phase to stop in, e.g. {@code PhaseServiceUnbind} or {@code PhaseBeforeActorSystemTerminate}. */
    String stopPhase();

    /** Releases what starting took; never fails the shutdown (a failure to release is logged). */
    CompletionStage<Done> stop();
}
