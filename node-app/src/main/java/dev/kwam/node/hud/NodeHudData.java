package dev.kwam.node.hud;

import dev.kwam.hud.FleetReading;
import dev.kwam.hud.HudData;
import dev.kwam.hud.NodeRecord;
import dev.kwam.hud.Source;
import dev.kwam.node.api.KwamNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The HUD's fleet on a real node: the same cluster view {@code kwam client status} prints (membership, reachability,
 * domains, marks, how calls are authorized and consensus reached), read from the node's public actor — so the page
 * and the CLI never disagree. Every reading is {@link Source#LIVE}.
 */
public final class NodeHudData implements HudData {
    static final Duration ASK = Duration.ofSeconds(5);

    private final ActorSystem<?> system;
    private final ActorRef<KwamNode.Command> node;
    private final Clock clock;

    public NodeHudData(ActorSystem<?> system, ActorRef<KwamNode.Command> node, Clock clock) {
        this.system = system;
        this.node = node;
        this.clock = clock;
    }

    @Override
    public CompletionStage<FleetReading> fleet() {
        return AskPattern.<KwamNode.Command, KwamNode.ClusterState>ask(node, KwamNode.ClusterStatus::new, ASK, system.scheduler())
                .thenApply(state -> {
                    List<NodeRecord> nodes = state.members().stream().map(m -> new NodeRecord(m.node(), m.status(), m.reachable(),
                            m.domains(), m.mark(), m.dataEndpoint(), m.spiffeId())).toList();
                    return new FleetReading(state.self(), nodes, state.authorization(), state.consensus(), Source.LIVE,
                            clock.instant());
                });
    }
}
