package dev.kwam.hud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics} asks the JHMM (repairs, durability) only while someone scrapes it. */
class HudMetricsWatchedTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    /** Counts the readings; the fleet is local (the census directory), the other two go to the JHMM. */
    private static final class Counting implements HudData {
        final AtomicInteger fleet = new AtomicInteger();
        final AtomicInteger jhmm = new AtomicInteger();
        private final EventLog events = new EventLog(10);

        @Override
        public CompletionStage<FleetReading> fleet() {
            fleet.incrementAndGet();
            return CompletableFuture.completedFuture(new FleetReading("node-w", List.of(), "none", "none", Source.LIVE, Instant.now()));
        }

        @Override
        public CompletionStage<ObjectsReading.Page> objects(int limit, Optional<String> after) {
            return CompletableFuture.failedFuture(new IllegalStateException("not read by metrics"));
        }

        @Override
        public CompletionStage<ObjectsReading.One> object(String cid) {
            return CompletableFuture.failedFuture(new IllegalStateException("not read by metrics"));
        }

        @Override
        public CompletionStage<RepairsReading> repairs() {
            jhmm.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("no JHMM in this test"));
        }

        @Override
        public CompletionStage<DurabilityReading> durability() {
            jhmm.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("no JHMM in this test"));
        }

        @Override
        public EventLog events() {
            return events;
        }
    }

    @Test
    void aNodeNobodyScrapesAsksTheJhmmNothingAndTheFirstScrapeAsksAtOnce() throws Exception {
        HudMetrics.forgetScrapes();
        Counting data = new Counting();
        try (HudMetrics metrics = HudMetrics.start(data, "node-w", KIT.system())) {
            await("two ticks of fleet readings", () -> data.fleet.get() >= 2);
            assertEquals(0, data.jhmm.get(), "nobody scraped: the JHMM was not asked");

            HudMetrics.scrape();
            await("the JHMM asked right after the first scrape", () -> data.jhmm.get() >= 2);
            assertTrue(data.fleet.get() >= 3, "the scrape refreshed the fleet reading too: " + data.fleet.get());
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
