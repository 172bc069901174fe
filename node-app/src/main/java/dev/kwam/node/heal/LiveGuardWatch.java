package dev.kwam.node.heal;

import dev.kwam.jhmm.JhmmHost;
import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.jhmm.risk.LiveGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's reading of the guard as the fleet is now ({@link LiveGuard}), for what {@code on_violation refuse}
 * holds back: the JHMM is asked every {@link #EVERY} (its assessor reuses one census scan for 5 s, so a fleet of
 * nodes asking costs one scan per 5 s), and a protect reads the last answer without waiting for one. A reading older
 * than {@link #STALE} cannot show that the guard holds, so {@code refuse} then refuses too, saying the figure is
 * UNAVAILABLE and since when: the policy asked that nothing be stored while the fleet may be below its target.
 * Started only when the policy's guard says {@code refuse}; the other choices are acted on where the figure is read
 * (the HUD's findings and events).
 */
public final class LiveGuardWatch {
    static final Duration EVERY = Duration.ofSeconds(2);
    static final Duration STALE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(LiveGuardWatch.class);

    /** The last answer and when it came (null until the first). */
    private record Reading(Optional<LiveGuard> guard, Instant at) {
    }

    private final String guard;
    private final Instant started;
    private final AtomicReference<Reading> last = new AtomicReference<>();

    LiveGuardWatch(String guard, Instant started) {
        this.guard = guard;
        this.started = started;
    }

    /** Asks {@code jhmm} every {@link #EVERY} from now on. */
    static LiveGuardWatch start(ActorSystem<?> system, ActorRef<JhmmHost.Command> jhmm, String guard) {
        LiveGuardWatch watch = new LiveGuardWatch(guard, Instant.now());
        system.scheduler().scheduleWithFixedDelay(Duration.ZERO, EVERY, () -> watch.ask(system, jhmm), system.executionContext());
        LOG.info("guard '{}': on_violation refuse: new protects are refused while its live figure is below target", guard);
        return watch;
    }

    private void ask(ActorSystem<?> system, ActorRef<JhmmHost.Command> jhmm) {
        AskPattern.<JhmmHost.Command, JhmmHost.RiskAnswer>ask(jhmm, JhmmHost.AssessRisk::new, EVERY.multipliedBy(5), system.scheduler())
                .thenAccept(answer -> answer.risk().ifPresent(risk -> read(risk, Instant.now())));
    }

    void read(FleetRisk risk, Instant at) {
        Reading before = last.getAndSet(new Reading(risk.live(), at));
        boolean was = before != null && before.guard().map(LiveGuard::breached).orElse(false);
        boolean now = risk.live().map(LiveGuard::breached).orElse(false);
        if (was != now) {
            LOG.warn("guard '{}' {}: {}", guard, now ? "BREACHED, new protects refused" : "holds again, protects accepted",
                    risk.live().map(LiveGuard::reason).orElse("no live figure"));
        }
    }

    /** Why a protect must be refused now, or empty when the guard holds. */
    public Optional<Refusal> refusal(Instant now) {
        Reading r = last.get();
        Instant since = r == null ? started : r.at();
        if (r == null || Duration.between(r.at(), now).compareTo(STALE) > 0) {
            if (r == null && Duration.between(started, now).compareTo(STALE) <= 0) {
                return Optional.empty(); // the first answer is on its way: a node just started refuses nothing yet
            }
            return Optional.of(new Refusal("guard '" + guard + "' (on_violation refuse): its live durability is UNAVAILABLE: "
                    + "the JHMM has not answered since " + since, List.of("the JHMM may be moving to another node; protects are "
                    + "accepted again once it answers and the guard holds")));
        }
        return r.guard().filter(LiveGuard::breached).map(g -> new Refusal("guard '" + g.guard() + "' (on_violation refuse) is "
                + "breached: " + g.reason(), List.of("exposure window: " + g.window().toSeconds() + " s (" + g.windowSource() + ")",
                "target: " + g.targetNines() + " nines; loss before repair: " + g.lossBeforeRepair() + " (MODELED)")));
    }

    /** What the protect answers: the reason, with its details. */
    public record Refusal(String message, List<String> details) {
    }
}
