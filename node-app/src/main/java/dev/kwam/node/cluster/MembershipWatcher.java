package dev.kwam.node.cluster;

import dev.kwam.node.config.DomainLabel;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Writes every membership and reachability change to the node's log, with the member's domain
 * labels: the operator's record of who joined, who became unreachable and who the Split Brain
 * Resolver removed. It keeps no state; the live view is {@link Cluster#state()}.
 */
public final class MembershipWatcher {

    public sealed interface Command permits MembershipChanged, ReachabilityChanged {
    }

    record MembershipChanged(ClusterEvent.MemberEvent event) implements Command {
    }

    record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {
    }

    private MembershipWatcher() {
    }

    public static Behavior<Command> create() {
        return Behaviors.setup(context -> {
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(
                    context.messageAdapter(ClusterEvent.MemberEvent.class, MembershipChanged::new), ClusterEvent.MemberEvent.class));
            cluster.subscriptions().tell(Subscribe.create(
                    context.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
                    ClusterEvent.ReachabilityEvent.class));
            return Behaviors.receive(Command.class)
                    .onMessage(MembershipChanged.class, m -> {
                        Member member = m.event().member();
                        context.getLog().info("member {} {} {} (domains {})", describe(m.event()), member.address(),
                                member.status(), domains(member));
                        return Behaviors.same();
                    })
                    .onMessage(ReachabilityChanged.class, r -> {
                        Member member = r.event().member();
                        if (r.event() instanceof ClusterEvent.UnreachableMember) {
                            context.getLog().warn("member unreachable: {} (domains {})", member.address(), domains(member));
                        } else {
                            context.getLog().info("member reachable again: {}", member.address());
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static String describe(ClusterEvent.MemberEvent event) {
        String simple = event.getClass().getSimpleName();
        return simple.startsWith("Member") ? simple.substring("Member".length()).toLowerCase(java.util.Locale.ROOT) + ":" : simple;
    }

    /** The domain labels a member published as roles. */
    public static List<DomainLabel> domains(Member member) {
        List<DomainLabel> labels = new ArrayList<>();
        for (String role : member.getRoles()) {
            DomainLabel.fromRole(role).ifPresent(labels::add);
        }
        labels.sort(java.util.Comparator.comparing(DomainLabel::kind));
        return labels;
    }
}
