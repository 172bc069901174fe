package dev.kwam.node.hud;

import dev.kwam.hud.EventLog;
import dev.kwam.hud.HudEvent;
import dev.kwam.hud.RepairTally;
import dev.kwam.hud.Source;
import dev.kwam.jhmm.RepairEvent;
import dev.kwam.node.api.KwamNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Feeds the HUD's event log and repair tally from the node's own event stream ({@link KwamNode.Subscribe}):
 * membership changes, protects and recovers, unplaced fragments, and every step of every repair the JHMM runs.
 * Every event it writes is LIVE: it saw it happen. It starts following the stream when the HUD is first read, so a
 * fleet of thousands of nodes nobody looks at does not copy every repair step to every node.
 */
final class HudFeed {
    private HudFeed() {
    }

    sealed interface Command permits Watch, Seen {
    }

    /** Someone reads the HUD: from now on this node follows its event stream (a node nobody watches does not pull it). */
    enum Watch implements Command {
        INSTANCE
    }

    private record Seen(KwamNode.NodeEvent event) implements Command {
    }

    static Behavior<Command> create(ActorRef<KwamNode.Command> node, EventLog log, RepairTally tally, Clock clock) {
        return Behaviors.setup(context -> {
            ActorRef<KwamNode.NodeEvent> events = context.messageAdapter(KwamNode.NodeEvent.class, Seen::new);
            boolean[] watching = {false};
            return Behaviors.receive(Command.class)
                    .onMessage(Watch.class, w -> {
                        if (!watching[0]) {
                            watching[0] = true;
                            tally.restart(clock.instant());
                            node.tell(new KwamNode.Subscribe(events));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Seen.class, seen -> {
                        if (seen.event() instanceof KwamNode.RepairProgress e) {
                            tally(tally, e.event());
                            log.append(repair(e.event()));
                        } else {
                            log.append(other(seen.event(), clock));
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    static void tally(RepairTally tally, RepairEvent e) {
        if (e instanceof RepairEvent.Gated g) {
            tally.gated(g.passed().size(), g.refused().size(), g.at());
        } else if (e instanceof RepairEvent.Completed) {
            tally.completed(e.at());
        } else if (e instanceof RepairEvent.AttemptFailed) {
            tally.attemptFailed();
        } else if (!(e instanceof RepairEvent.Detected || e instanceof RepairEvent.Parked || e instanceof RepairEvent.Deferred
                || e instanceof RepairEvent.Returned)) {
            tally.progressed(e.at());
        }
    }

    static HudEvent.Draft repair(RepairEvent e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("stripe", e.stripe().toString());
        fields.put("step", e.step());
        fields.put("bytes", e.bytes());
        fields.put("duration_ms", e.duration().toMillis());
        String detail = "";
        HudEvent.Type type = HudEvent.Type.REPAIR;
        if (e instanceof RepairEvent.Detected d) {
            fields.put("cause", d.cause());
            detail = ": " + d.cause();
            type = d.cause().startsWith("scrub") ? HudEvent.Type.SCRUB : HudEvent.Type.REPAIR;
        } else if (e instanceof RepairEvent.Gated g) {
            fields.put("passed", g.passed().size());
            fields.put("refused", g.refused().size());
            detail = ": " + g.passed().size() + " passed the SHA-256 gate, " + g.refused().size() + " refused";
        } else if (e instanceof RepairEvent.Written w) {
            fields.put("fragment", w.fragment());
            fields.put("node", w.node());
            detail = ": fragment " + w.fragment() + " on " + w.node();
        } else if (e instanceof RepairEvent.AttemptFailed f) {
            fields.put("failed_step", f.failedStep());
            fields.put("reason", f.reason());
            detail = ": " + f.failedStep() + " failed: " + f.reason();
        } else if (e instanceof RepairEvent.Parked p) {
            fields.put("reason", p.reason());
            detail = ": " + p.reason();
        } else if (e instanceof RepairEvent.Deferred d) {
            fields.put("nodes", d.nodes());
            fields.put("until", d.until().toString());
            detail = ": waiting for " + String.join(", ", d.nodes()) + " until " + d.until();
        }
        return new HudEvent.Draft(type, e.at(), Source.LIVE, "stripe " + e.stripe() + " " + e.step() + detail, fields, List.of());
    }

    static HudEvent.Draft other(KwamNode.NodeEvent e, Clock clock) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (e instanceof KwamNode.MemberChanged m) {
            KwamNode.MemberInfo i = m.member();
            fields.put("node", i.node());
            fields.put("status", i.status());
            fields.put("reachable", i.reachable());
            fields.put("mark", i.mark());
            List<String> domains = i.domains().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(d -> d.getKey() + "=" + d.getValue()).toList();
            return new HudEvent.Draft(HudEvent.Type.MEMBERSHIP, clock.instant(), Source.LIVE, "node " + i.node() + " is " + i.status()
                    + (i.reachable() ? "" : ", unreachable"), fields, domains);
        }
        if (e instanceof KwamNode.ObjectProtected p) {
            fields.put("object", p.object().cid().toString());
            fields.put("size", p.object().size());
            fields.put("stripes", p.object().stripes());
            fields.put("unplaced_fragments", p.unplacedFragments());
            return new HudEvent.Draft(HudEvent.Type.PLACEMENT, clock.instant(), Source.LIVE, "object " + p.object().cid() + " protected: "
                    + p.object().stripes() + " stripe(s)" + (p.unplacedFragments() > 0 ? ", " + p.unplacedFragments() + " fragment(s) unplaced" : ""),
                    fields, List.of());
        }
        if (e instanceof KwamNode.ObjectRecovered r) {
            fields.put("object", r.object().cid().toString());
            fields.put("degraded_stripes", r.degradedStripes());
            return new HudEvent.Draft(HudEvent.Type.PLACEMENT, clock.instant(), Source.LIVE, "object " + r.object().cid() + " recovered"
                    + (r.degradedStripes() > 0 ? " from " + r.degradedStripes() + " degraded stripe(s)" : ""), fields, List.of());
        }
        KwamNode.FragmentsUnplaced u = (KwamNode.FragmentsUnplaced) e;
        fields.put("object", u.object().toString());
        fields.put("count", u.count());
        return new HudEvent.Draft(HudEvent.Type.PLACEMENT, clock.instant(), Source.LIVE, u.count() + " fragment(s) of " + u.object()
                + " have no node to go to", fields, List.of());
    }
}
