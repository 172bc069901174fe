package dev.kwam.node.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.jhmm.RepairBudget;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.jhmm.RepairThroughput;
import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.node.client.SampleFleetRisk;
import dev.kwam.node.grpc.v1.DurabilityReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FleetRisk survives kwam.proto: every part present stays present, every absent part stays absent (UNAVAILABLE, not 0). */
class DurabilityMessagesTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private static RepairStatus repairs(Optional<RepairThroughput> rate) {
        return new RepairStatus(new RepairPlan(List.of()), List.of(), List.of(), 0, 0, new RepairBudget.Limits(4, 0), AT,
                dev.kwam.jhmm.BudgetSource.configured("policy", new RepairBudget.Limits(4, 0)), rate);
    }

    @Test
    void aFullReportRoundTripsUpToWholeMilliseconds() {
        FleetRisk risk = SampleFleetRisk.measured(AT, repairs(Optional.of(new RepairThroughput(3_000_000, 9_000_000,
                Duration.ofSeconds(2), 3, AT.minusSeconds(10), AT.minusSeconds(8)))));
        DurabilityReport proto = DurabilityMessages.toProto(risk);
        FleetRisk back = DurabilityMessages.fromProto(proto);

        assertEquals(proto, DurabilityMessages.toProto(back), "a second trip changes nothing");
        assertEquals(risk.codecs(), back.codecs(), "placement and figures exactly (doubles travel as doubles)");
        assertEquals(risk.fleet(), back.fleet());
        assertEquals(risk.guard(), back.guard());
        assertEquals(risk.rate(), back.rate());
        assertEquals(risk.exposure(), back.exposure());
        assertEquals(risk.fullestNode(), back.fullestNode());
        assertEquals(risk.mttr().source(), back.mttr().source());
        assertEquals(risk.mttr().value().get().toMillis(), back.mttr().value().get().toMillis());
        assertEquals("MODELED", back.label());
    }

    @Test
    void absentPartsStayAbsent() {
        FleetRisk risk = dev.kwam.jhmm.risk.LiveDurability.assess(new dev.kwam.jhmm.risk.RiskInputs(List.of(), java.util.Map.of(),
                List.of("rack"), "derived", Optional.empty(), Optional.empty(),
                new dev.kwam.jhmm.risk.Detection(Duration.ofSeconds(20), "test"), new RepairPlan(List.of()), 0, AT));
        FleetRisk back = DurabilityMessages.fromProto(DurabilityMessages.toProto(risk));

        assertTrue(back.guard().isEmpty());
        assertTrue(back.rate().isEmpty());
        assertTrue(back.fleet().isEmpty());
        assertTrue(back.fullestNode().isEmpty());
        assertEquals(FleetRisk.MttrSource.UNAVAILABLE, back.mttr().source());
        assertTrue(back.mttr().value().isEmpty());
        assertTrue(back.exposure().oldestSince().isEmpty());
        assertFalse(back.unavailable().isEmpty());
        assertEquals(risk.unavailable(), back.unavailable());
    }
}
