package dev.kwam.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.durability.FleetShape;
import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.policy.GuardBlock;
import dev.kwam.dsl.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guided tour (shared/examples/h100_dc.kwam): accepted at 6 nines, refused at 11, for the reason docs/durability.md gives. */
class TourProgramCompileTest {

    @Test
    void theTourIsAcceptedAtSixNinesWithItsMathAndProvenance() {
        CompileResult r = TourFixtures.compile(TourFixtures.tour(TourFixtures.token()));

        assertTrue(r.ok(), () -> DiagnosticRenderer.render(r.diagnostics()));
        Policy p = r.policy().orElseThrow();
        GuardBlock guard = p.guards().get(0);
        assertEquals(6, guard.durabilityNines());
        assertEquals(7, guard.math().estimate().nines());
        assertEquals(FleetShape.H100_CAMPUS, guard.math().fleetShape());
        assertEquals("az", guard.math().exhaustedLevel());
        assertEquals("rs(10,4)", guard.math().codec().toString());
        assertEquals(List.of("alice", "bob"), p.deploys().get(0).consent().signingKeys());
        assertTrue(p.deploys().get(0).consent().dualControl());
        assertEquals("std/faultdomains", p.provenance().modules().get(0).path());
        assertTrue(p.provenance().modules().get(0).digest().toString().startsWith("sha256:"));
    }

    @Test
    void elevenNinesAreRefusedBecauseOfTheCorrelatedAzTerm() {
        String text = TourFixtures.tour(TourFixtures.token()).replace("durability 6nines", "durability 11nines");

        CompileResult r = TourFixtures.compile(text);

        assertFalse(r.ok());
        assertEquals(1, r.diagnostics().size(), () -> DiagnosticRenderer.render(r.diagnostics()));
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("KW-L010", d.code().id());
        assertEquals(d.source().text().indexOf("11nines"), d.span().start());
        assertTrue(d.message().contains("7 nines") && d.message().contains("correlated") && d.message().contains("8 az domains")
                && d.message().contains("az 8"), d.message());
    }

    @Test
    void withoutAKeyringTheDeployCannotBeAccepted() {
        CompileResult r = PolicyCompiler.compile(dev.kwam.dsl.diag.SourceFile.of("t.kwam", TourFixtures.tour(TourFixtures.token())),
                CompileOptions.standard().withClock(TourFixtures.CLOCK));

        assertEquals(List.of("KW-L020"), r.diagnostics().stream().map(d -> d.code().id()).toList());
        assertTrue(r.diagnostics().get(0).hint().orElseThrow().contains("--keyring"));
    }
}
