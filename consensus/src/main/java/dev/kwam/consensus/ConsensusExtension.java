package dev.kwam.consensus;

import dev.kwam.actors.error.KwamError;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Where an actor system's consensus journal finds the group: the composition root attaches a
 * {@link ConsensusClient} once the node's Raft peer runs (or, on a non-voter, once it has connected). Until
 * then, and after {@link #detach()}, every journal and snapshot call fails with {@code consensus.unavailable}.
 * The extension never closes the client: whoever connected it does.
 */
public final class ConsensusExtension implements Extension {
    private static final Id ID = new Id();
    private final AtomicReference<ConsensusClient> client = new AtomicReference<>();

    public static ConsensusExtension get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    /** Replaces any client attached before. */
    public void attach(ConsensusClient group) {
        client.set(Objects.requireNonNull(group, "group"));
    }

    public void detach() {
        client.set(null);
    }

    public Optional<ConsensusClient> client() {
        return Optional.ofNullable(client.get());
    }

    /** The attached client, or the {@code consensus.unavailable} refusal naming what to do. */
    public ConsensusClient require() throws ConsensusException {
        ConsensusClient attached = client.get();
        if (attached == null) {
            throw unavailable();
        }
        return attached;
    }

    static ConsensusException unavailable() {
        return new ConsensusException(KwamError.of("consensus.unavailable", "no consensus group is attached to this node",
                null, "the node's Raft peer has not started (or its client has not connected) yet, or it has stopped",
                "start the Raft group and call ConsensusExtension.get(system).attach(client) before using must-agree state"));
    }

    private static final class Id extends ExtensionId<ConsensusExtension> {
        @Override
        public ConsensusExtension createExtension(ActorSystem<?> system) {
            return new ConsensusExtension();
        }
    }
}
