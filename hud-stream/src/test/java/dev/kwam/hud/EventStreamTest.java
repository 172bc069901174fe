package dev.kwam.hud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The websocket's stream with Pekko's stream testkit: a slow client is conflated to a snapshot, never buffered without
 * bound; a client resumes after an event id and sees every later event once, in order; 1,000 connected clients (most
 * of them reading nothing) keep memory bounded while the fast ones keep up.
 */
class EventStreamTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern TO = Pattern.compile("\"(?:to|latest)\":(\\d+)");

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static EventStream stream(EventLog log, int framesPerSecond) {
        return new EventStream(log, () -> CompletableFuture.completedFuture("{\"status\":\"ok\"}"), KIT.system().executionContext(),
                Clock.systemUTC(), 500, framesPerSecond);
    }

    private static void append(EventLog log, int count) {
        for (int i = 0; i < count; i++) {
            log.append(new HudEvent.Draft(HudEvent.Type.REPAIR, Instant.EPOCH, Source.LIVE, "stripe sha256:" + "a".repeat(64)
                    + " fetched", Map.of("bytes", 4096L, "step", "fetched"), List.of()));
        }
    }

    private static List<Long> ids(String frame) {
        List<Long> out = new ArrayList<>();
        Matcher m = ID.matcher(frame);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    @Test
    void aSlowClientIsConflatedToASnapshotNeverBufferedWithoutBound() {
        EventLog log = new EventLog(100);
        TestSubscriber.Probe<String> client = stream(log, 50).frames(Optional.empty(), e -> true)
                .runWith(TestSink.probe(KIT.system().classicSystem()), KIT.system());
        client.request(1);
        String hello = client.expectNext(Duration.ofSeconds(10));
        assertTrue(hello.startsWith("{\"kind\":\"snapshot\",\"latest\":0,\"because\":\"connected\",\"state\":{\"status\":\"ok\"}"), hello);

        append(log, 1_000); // the client reads nothing meanwhile: the log keeps the last 100
        // What was already on its way when the client stopped reading (the stream's prefetch: a frame of at most 500
        // events) comes first; what the log no longer keeps is then conflated into a snapshot; events after the
        // snapshot's latest follow. Never all 1,000 events.
        int eventsRead = 0;
        long reached = 0;
        boolean conflated = false;
        while (reached < 1_000) {
            client.request(1);
            String frame = client.expectNext(Duration.ofSeconds(10));
            if (frame.startsWith("{\"kind\":\"snapshot\"")) {
                assertTrue(frame.contains("\"because\":\"conflated: events ") && frame.contains("are no longer kept (the log keeps "
                        + "the last 100)"), frame);
                conflated = true;
                java.util.regex.Matcher latest = Pattern.compile("\"latest\":(\\d+)").matcher(frame);
                assertTrue(latest.find(), frame);
                reached = Long.parseLong(latest.group(1));
            } else {
                List<Long> ids = ids(frame);
                assertTrue(ids.size() <= 500, "one frame holds at most 500 events");
                eventsRead += ids.size();
                reached = ids.get(ids.size() - 1);
            }
        }
        assertTrue(conflated, "a client 900 events behind a log of 100 is given a snapshot");
        assertTrue(eventsRead < 1_000, "the slow client was not sent every event: " + eventsRead);

        append(log, 5);
        // Whatever arrived by the time the stream woke goes in one frame: the five may come in one frame or several.
        List<Long> after = new ArrayList<>();
        while (after.size() < 5) {
            client.request(1);
            String next = client.expectNext(Duration.ofSeconds(10));
            assertTrue(next.startsWith("{\"kind\":\"events\",\"from\":" + (1001 + after.size()) + ","), next);
            after.addAll(ids(next));
        }
        assertEquals(List.of(1001L, 1002L, 1003L, 1004L, 1005L), after);
        client.cancel();
    }

    @Test
    void aClientResumesAfterAnIdAndSeesEveryLaterEventOnceInOrder() {
        EventLog log = new EventLog(10_000);
        append(log, 50);
        TestSubscriber.Probe<String> client = stream(log, 50).frames(Optional.of(20L), e -> true)
                .runWith(TestSink.probe(KIT.system().classicSystem()), KIT.system());
        List<Long> seen = new ArrayList<>();
        client.request(100);
        while (seen.size() < 30) {
            seen.addAll(ids(client.expectNext(Duration.ofSeconds(10))));
        }
        append(log, 1_200); // more than one frame holds: 500 at most per frame
        while (seen.size() < 1_230) {
            seen.addAll(ids(client.expectNext(Duration.ofSeconds(10))));
        }
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(21L + i, seen.get(i), "event " + i + " of the resumed stream");
        }
        client.cancel();
    }

    @Test
    void aThousandClientsKeepMemoryBoundedWhileTheFastOnesKeepUp() throws Exception {
        EventLog log = new EventLog(10_000);
        long before = usedHeapAfterGc();
        List<TestSubscriber.Probe<String>> idle = new ArrayList<>();
        List<AtomicLong> fast = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            if (i % 10 == 0) {
                AtomicLong reached = new AtomicLong();
                fast.add(reached);
                stream(log, 20).frames(Optional.empty(), e -> true)
                        .toMat(Sink.foreach(frame -> {
                            Matcher m = TO.matcher(frame);
                            if (m.find()) {
                                reached.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
                            }
                        }), Keep.right()).run(KIT.system());
            } else {
                TestSubscriber.Probe<String> probe = stream(log, 20).frames(Optional.empty(), e -> true)
                        .runWith(TestSink.probe(KIT.system().classicSystem()), KIT.system());
                probe.request(1); // one snapshot, then nothing: a client that stopped reading
                idle.add(probe);
            }
        }
        append(log, 20_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (fast.stream().anyMatch(r -> r.get() < 20_000)) {
            assertTrue(System.nanoTime() < deadline, "fast clients still behind: " + fast.stream().mapToLong(AtomicLong::get).min());
            Thread.sleep(50);
        }
        long grown = usedHeapAfterGc() - before;
        System.out.printf("1,000 clients (100 reading, 900 stopped), 20,000 events: heap grew %.1f MiB%n", grown / 1048576.0);
        // The log holds 10,000 events of a few hundred bytes; each stopped client holds its cursor and one frame at most.
        assertTrue(grown < 64L << 20, "heap grew " + (grown >> 20) + " MiB");
        idle.forEach(p -> p.expectNext(Duration.ofSeconds(10)));
        idle.forEach(TestSubscriber.Probe::cancel);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
