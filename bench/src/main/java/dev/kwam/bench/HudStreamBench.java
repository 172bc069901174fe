package dev.kwam.bench;

import dev.kwam.hud.ApiRoutes;
import dev.kwam.hud.DurabilityReading;
import dev.kwam.hud.EventLog;
import dev.kwam.hud.FleetReading;
import dev.kwam.hud.HudData;
import dev.kwam.hud.HudEvent;
import dev.kwam.hud.NodeRecord;
import dev.kwam.hud.ObjectsReading;
import dev.kwam.hud.RepairTally;
import dev.kwam.hud.RepairsReading;
import dev.kwam.hud.Source;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The HUD's websocket under load: CLIENTS real websocket clients on loopback (Pekko HTTP) subscribed to one node's
 * stream while EVENTS events are appended as fast as one thread can; events delivered per second over all clients,
 * and the heap used, against the same events written as JSON lines to a local file (and fsynced once) in the same run.
 *
 * <pre>java -cp kwam-bench.jar dev.kwam.bench.HudStreamBench [CLIENTS] [EVENTS] [DIR]</pre>
 */
public final class HudStreamBench {
    private HudStreamBench() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("hud-bench");
        List<HudEvent.Draft> drafts = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            drafts.add(new HudEvent.Draft(HudEvent.Type.REPAIR, Instant.now(), Source.LIVE, "stripe sha256:" + "ab".repeat(32) + " fetched",
                    Map.of("stripe", "sha256:" + "ab".repeat(32), "step", "fetched", "bytes", 1_048_576L), List.of("rack=r" + (i % 40))));
        }

        // The baseline: the same events, as the stream writes them, to a file.
        EventLog fileLog = new EventLog(events);
        long fileStart = System.nanoTime();
        Path file = dir.resolve("events.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (HudEvent.Draft d : drafts) {
                out.write(fileLog.append(d).json());
                out.write('\n');
            }
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        double fileSeconds = (System.nanoTime() - fileStart) / 1e9;

        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "hud-bench");
        EventLog log = new EventLog(events); // keeps every event: this measures delivery, not conflation
        ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(new ApiRoutes(data(log), Clock.systemUTC()).routes())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        String uri = "ws://127.0.0.1:" + binding.localAddress().getPort() + "/api/ws?since=0";
        AtomicLong delivered = new AtomicLong();
        List<AtomicLong> reached = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            AtomicLong last = new AtomicLong();
            reached.add(last);
            Sink<Message, CompletionStage<org.apache.pekko.Done>> counter = Flow.<Message>create()
                    .mapAsync(1, m -> m.asTextMessage().toStrict(10_000, org.apache.pekko.stream.Materializer.matFromSystem(system)))
                    .toMat(Sink.foreach(m -> {
                        String text = m.getStrictText();
                        if (text.startsWith("{\"kind\":\"events\"")) {
                            int n = 0;
                            for (int i = text.indexOf("{\"id\":"); i >= 0; i = text.indexOf("{\"id\":", i + 1)) {
                                n++;
                            }
                            delivered.addAndGet(n);
                            int to = text.indexOf("\"to\":");
                            last.set(Long.parseLong(text.substring(to + 5, text.indexOf(',', to))));
                        }
                    }), Keep.right());
            Http.get(system).singleWebSocketRequest(WebSocketRequest.create(uri), Flow.fromSinkAndSourceMat(counter, org.apache.pekko.stream.javadsl.Source.maybe(), Keep.left()),
                    org.apache.pekko.stream.Materializer.matFromSystem(system));
        }
        Thread.sleep(2_000); // every client connected and idle
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        for (HudEvent.Draft d : drafts) {
            log.append(d);
        }
        long deadline = start + Duration.ofMinutes(5).toNanos();
        long peakHeap = heapBefore;
        while (reached.stream().anyMatch(r -> r.get() < events) && System.nanoTime() < deadline) {
            peakHeap = Math.max(peakHeap, usedHeap());
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long complete = reached.stream().filter(r -> r.get() >= events).count();
        double rate = delivered.get() / seconds;
        double fileRate = events / fileSeconds;
        System.out.printf("hud-stream clients=%d events=%d delivered=%d complete_clients=%d secs=%.2f events_per_sec=%.0f "
                        + "heap_before_mib=%.1f heap_peak_mib=%.1f%n", clients, events, delivered.get(), complete, seconds, rate,
                heapBefore / 1048576.0, peakHeap / 1048576.0);
        System.out.printf("file events=%d secs=%.3f events_per_sec=%.0f%n", events, fileSeconds, fileRate);
        System.out.printf("ratio websocket_events_per_sec / file_events_per_sec = %.2f%n", rate / fileRate);
        binding.unbind();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** One small fleet and empty readings: the snapshot each client gets first; the load is the events. */
    private static HudData data(EventLog log) {
        Instant now = Instant.now();
        return new HudData() {
            @Override
            public CompletionStage<FleetReading> fleet() {
                return CompletableFuture.completedFuture(new FleetReading("bench", List.of(new NodeRecord("bench", "up", true, Map.of(), "", "",
                        "")), "none (no policy)", "none", Source.LIVE, now));
            }

            @Override
            public CompletionStage<ObjectsReading.Page> objects(int limit, Optional<String> after) {
                return CompletableFuture.completedFuture(new ObjectsReading.Page(List.of(), false, Source.LIVE, now));
            }

            @Override
            public CompletionStage<ObjectsReading.One> object(String cid) {
                return CompletableFuture.completedFuture(new ObjectsReading.One(Optional.empty(), Source.LIVE, now));
            }

            @Override
            public CompletionStage<RepairsReading> repairs() {
                return CompletableFuture.completedFuture(new RepairsReading(List.of(), 4, 0, "bench", Optional.empty(), 0, 0, List.of(),
                        new RepairTally.Counts(0, 0, 0, 0, now, Optional.empty()), Source.LIVE, now));
            }

            @Override
            public CompletionStage<DurabilityReading> durability() {
                return CompletableFuture.completedFuture(new DurabilityReading(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                        "UNAVAILABLE", "bench", 1, 0, 0, 0, List.of(), Source.MODELED, now));
            }

            @Override
            public EventLog events() {
                return log;
            }
        };
    }
}
