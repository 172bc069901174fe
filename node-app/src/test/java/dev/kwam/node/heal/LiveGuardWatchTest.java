package dev.kwam.node.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.jhmm.risk.LiveGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveGuardWatchTest {
    private static final Instant START = Instant.parse("2026-12-08T01:00:00Z");

    private static FleetRisk risk(Optional<LiveGuard> live) {
        return new FleetRisk(FleetRisk.MODELED, START, List.of("rack"), "test", 4, 10, 0, Optional.empty(), Optional.empty(),
                new FleetRisk.Mttr(Optional.of(Duration.ofMinutes(30)), FleetRisk.MttrSource.GUARD_MTTR_RESTORE, "test",
                        new dev.kwam.jhmm.risk.Detection(Duration.ofSeconds(20), "test")),
                Optional.empty(), new FleetRisk.Exposure(0, List.of(), Optional.empty(), Optional.empty(), 0), List.of(), Optional.empty(),
                List.of(), live);
    }

    private static LiveGuard live(boolean breached) {
        return new LiveGuard(FleetRisk.MODELED, START, "sla", 11, "refuse", breached, breached ? 3e-5 : 0,
                breached ? Optional.of("sha256:ab") : Optional.empty(), Duration.ofSeconds(6), "2 due stripe(s) at 3.00 s each",
                breached ? "stripe sha256:ab (rs(4,2), 0 to spare on 4 holder(s)) is lost before its repair with probability 3e-05"
                        : "no stripe is below full redundancy: nothing is exposed");
    }

    @Test
    void aBreachedGuardRefusesWithItsReasonAndAcceptsOnceItHoldsAgain() {
        LiveGuardWatch watch = new LiveGuardWatch("sla", START);

        watch.read(risk(Optional.of(live(true))), START.plusSeconds(1));
        LiveGuardWatch.Refusal refused = watch.refusal(START.plusSeconds(2)).orElseThrow();
        assertTrue(refused.message().contains("guard 'sla' (on_violation refuse) is breached"), refused.message());
        assertTrue(refused.message().contains("rs(4,2), 0 to spare"), refused.message());
        assertTrue(refused.details().stream().anyMatch(d -> d.contains("MODELED")), String.valueOf(refused.details()));

        watch.read(risk(Optional.of(live(false))), START.plusSeconds(3));
        assertEquals(Optional.empty(), watch.refusal(START.plusSeconds(4)));
    }

    @Test
    void aReadingOlderThanThirtySecondsCannotShowTheGuardHoldsSoProtectsAreRefused() {
        LiveGuardWatch watch = new LiveGuardWatch("sla", START);
        watch.read(risk(Optional.of(live(false))), START.plusSeconds(1));

        assertEquals(Optional.empty(), watch.refusal(START.plusSeconds(31)));
        LiveGuardWatch.Refusal stale = watch.refusal(START.plusSeconds(32)).orElseThrow();
        assertTrue(stale.message().contains("UNAVAILABLE"), stale.message());
        assertTrue(stale.message().contains("since " + START.plusSeconds(1)), stale.message());
    }

    @Test
    void aNodeJustStartedAcceptsUntilItsFirstAnswerIsDueThenRefusesWithoutOne() {
        LiveGuardWatch watch = new LiveGuardWatch("sla", START);

        assertEquals(Optional.empty(), watch.refusal(START.plusSeconds(10)));
        assertTrue(watch.refusal(START.plusSeconds(31)).isPresent());
        // A report from a JHMM host without a guard has no live figure: nothing to refuse for.
        watch.read(risk(Optional.empty()), START.plusSeconds(40));
        assertEquals(Optional.empty(), watch.refusal(START.plusSeconds(41)));
    }
}
