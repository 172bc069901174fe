package dev.kwam.node.api;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.ProtectOptions;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.node.api.KwamNode.ErrorCode;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.node.heal.Healing;
import dev.kwam.node.heal.LiveGuardWatch;
import dev.kwam.node.write.ClusterFragmentSink;
import dev.kwam.node.write.WriteQuorum;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.ObjectEntry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One protect, in the order that makes the acknowledgement true: check that enough nodes are live
 * for the write quorum; erasure-code the caller's stream (read with backpressure through an
 * InputStream) into fragments sent to their placed nodes; check that every stripe has the quorum on
 * distinct nodes; record every stripe's slots in the census; store the signed manifest on
 * {@code min(m+1, live)} nodes; record the object; only then reply {@link KwamNode.Protected}. Any
 * failure before the end replies {@link KwamNode.Failed} and records no object: fragments already
 * written are unreferenced garbage, never an acknowledged object with holes.
 */
final class ProtectRun {
    /**
     * The SDK keeps 2 x parallelism stripes in flight. Against a directory, cores suffice; here each
     * stripe waits for the slowest of its k+m transfers (TLS, the peer's hash check and fsync), so a
     * deeper window keeps the codec busy. Bounds memory per protect at about 12 x (k+m)/k x the largest
     * chunk (4 MiB by default): ~80 MiB for rs(3,2) in the worst case, ~20 MiB at the 1 MiB average.
     */
    private static final int STRIPES_IN_FLIGHT = Math.max(12, 2 * Runtime.getRuntime().availableProcessors());

    private static final Logger LOG = LoggerFactory.getLogger(ProtectRun.class);

    private final NodeContext ctx;
    private final WriteQuorum quorum;

    ProtectRun(NodeContext ctx) {
        this.ctx = ctx;
        this.quorum = new WriteQuorum(ctx.settings().writeQuorumExtra());
    }

    /** Written fragments, before the census and the manifest copies. */
    private record Written(FleetView fleet, Manifest manifest, ClusterFragmentSink sink, int quorum) {
    }

    CompletionStage<KwamNode.ProtectReply> run(KwamNode.Protect request, Consumer<KwamNode.NodeEvent> publish) {
        if (request.data() == null) {
            return CompletableFuture.completedFuture(new KwamNode.Failed(ErrorCode.INVALID_ARGUMENT, "no data stream given", List.of()));
        }
        Optional<LiveGuardWatch.Refusal> breached = ctx.healing().flatMap(Healing::guardRefusal);
        if (breached.isPresent()) {
            // The data is never read, as when the quorum is refused: nothing is written, nothing is left behind.
            return CompletableFuture.completedFuture(new KwamNode.Failed(ErrorCode.GUARD_BREACHED, breached.get().message(),
                    breached.get().details()));
        }
        CodecSpec codec = request.codec() == null ? ctx.settings().codec() : request.codec().orElse(ctx.settings().codec());
        long started = System.nanoTime();
        long[] written = new long[1];
        return ctx.fleet()
                .thenCompose(fleet -> CompletableFuture.supplyAsync(() -> write(fleet, codec, request.data()), ctx.pipeline()))
                .thenCompose(w -> {
                    written[0] = System.nanoTime();
                    return record(w);
                })
                .<KwamNode.ProtectReply>thenApply(done -> {
                    KwamNode.Protected reply = done;
                    long end = System.nanoTime();
                    // What an operator needs to tell a slow disk or peer from a slow census: the two phases apart.
                    LOG.info("protected {} ({} bytes, {} stripes, {}): fragments durable in {} ms, census and manifest copies in {} ms",
                            reply.object(), reply.size(), reply.stripes(), codec, (written[0] - started) / 1_000_000,
                            (end - written[0]) / 1_000_000);
                    KwamNode.ObjectInfo info = new KwamNode.ObjectInfo(reply.object(), reply.contentCid(), reply.size(), reply.stripes());
                    publish.accept(new KwamNode.ObjectProtected(info, reply.unplacedFragments()));
                    if (reply.unplacedFragments() > 0) {
                        publish.accept(new KwamNode.FragmentsUnplaced(reply.object(), reply.unplacedFragments()));
                    }
                    return reply;
                })
                .exceptionally(failure -> {
                    KwamNode.Failed failed = Refused.of(failure);
                    LOG.warn("protect refused: {} {}", failed.code(), failed.message());
                    return failed;
                });
    }

    /** Runs on the pipeline dispatcher: blocks on the caller's stream while the codec works elsewhere. */
    private Written write(FleetView fleet, CodecSpec codec, Source<ByteString, ?> data) {
        int needed = quorum.fragments(codec);
        if (!fleet.isLive(ctx.self())) {
            throw new Refused(ErrorCode.UNAVAILABLE, "this node (" + ctx.self() + ") is not yet an Up member registered in the census");
        }
        if (fleet.placeable().size() < needed) {
            Set<String> marked = new TreeSet<>(fleet.live());
            marked.removeAll(fleet.placeable());
            throw new Refused(ErrorCode.NOT_ENOUGH_NODES, fleet.placeable().size() + " node(s) are up and take new fragments, but "
                    + codec + " needs " + needed + " (its write quorum: k+1" + (quorum.extra() > 0 ? "+" + quorum.extra() : "")
                    + " fragments on distinct nodes)", marked.isEmpty() ? List.of("live nodes: " + fleet.live())
                    : List.of("live nodes: " + fleet.live(), "cordoned or draining (take no new fragments): " + marked));
        }
        AntiAffinity antiAffinity = fleet.antiAffinity(ctx.settings().antiAffinity());
        ClusterFragmentSink sink = new ClusterFragmentSink(fleet.placementTopology(), antiAffinity, ctx.courier(fleet), needed);
        AtomicReference<Throwable> upstream = new AtomicReference<>();
        ProtectOptions options = ProtectOptions.builder().codec(codec).signingKey(ctx.key()).executor(ctx.codec())
                .ioExecutor(ctx.io()).parallelism(STRIPES_IN_FLIGHT / 2).build();
        Manifest manifest;
        try (InputStream in = open(data, upstream)) {
            manifest = Kwam.protect(in, options, sink);
        } catch (ClusterFragmentSink.QuorumUnreachable e) {
            throw new Refused(ErrorCode.NOT_ENOUGH_NODES, e.getMessage(), List.of("live nodes: " + fleet.live()));
        } catch (IOException | RuntimeException e) {
            if (upstream.get() != null) {
                throw new Refused(ErrorCode.INVALID_ARGUMENT, "the data stream failed: " + upstream.get(), List.of());
            }
            if (e instanceof Refused r) {
                throw r;
            }
            throw new Refused(ErrorCode.INTERNAL, "protect failed: " + e, List.of());
        }
        List<String> shortStripes = new ArrayList<>();
        for (int s = 0; s < manifest.chunks().size(); s++) {
            int holders = sink.distinctHolders(manifest.chunks().get(s));
            if (holders < needed) {
                shortStripes.add("stripe " + s + " (chunk " + manifest.chunks().get(s).chunkCid() + "): " + holders
                        + " fragment(s) durable on distinct nodes, " + needed + " needed");
            }
        }
        if (!shortStripes.isEmpty()) {
            throw new Refused(ErrorCode.NOT_ENOUGH_NODES, shortStripes.size() + " stripe(s) did not reach the write quorum of " + needed, shortStripes);
        }
        return new Written(fleet, manifest, sink, needed);
    }

    private <M> InputStream open(Source<ByteString, M> data, AtomicReference<Throwable> upstream) {
        // asInputStream: the stream is pulled only as protect reads, so a fast producer waits (backpressure).
        InputStream in = data.runWith(StreamConverters.asInputStream(ctx.settings().streamReadTimeout()),
                Materializer.matFromSystem(ctx.system()));
        // A read that throws is the caller's stream failing (or stalling past the read timeout), recorded at
        // the moment it surfaces — a termination callback would race with protect's own failure.
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException | RuntimeException e) {
                    upstream.compareAndSet(null, e.getCause() != null ? e.getCause() : e);
                    throw e;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    upstream.compareAndSet(null, e.getCause() != null ? e.getCause() : e);
                    throw e;
                }
            }
        };
    }

    /**
     * A census write refused as malformed is a bug here, never the caller's: INTERNAL. One that is
     * only on this replica so far ({@code replicated} false) is accepted: gossip carries it on, and
     * the fragments and manifests it describes are already durable on their nodes.
     */
    private static Census.Recorded requireAccepted(Census.Recorded recorded) {
        if (!recorded.accepted()) {
            throw new Refused(ErrorCode.INTERNAL, "the census refused the record of " + recorded.key() + ": "
                    + recorded.refusal().orElse("?"));
        }
        if (!recorded.replicated()) {
            LOG.info("census record of {} is on this node only so far; gossip replicates it", recorded.key());
        }
        return recorded;
    }

    /** Census slots for every stripe, then the manifest copies, then the object: the acknowledgement's last steps. */
    private CompletionStage<KwamNode.Protected> record(Written w) {
        Manifest manifest = w.manifest();
        List<CompletableFuture<Census.Recorded>> writes = new ArrayList<>();
        Set<Cid> seen = new HashSet<>();
        int unplaced = 0;
        for (ChunkEntry chunk : manifest.chunks()) {
            var slots = w.sink().slots(chunk);
            unplaced += (int) slots.stream().filter(s -> !s.placed()).count();
            if (seen.add(chunk.chunkCid())) {
                writes.add(ctx.<Census.Recorded>askCensus(replyTo -> new Census.RecordFragments(chunk.chunkCid(),
                        manifest.codec().dataCount(), manifest.codec().parityCount(), slots, replyTo)).toCompletableFuture());
            }
        }
        int unplacedFragments = unplaced;
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(all -> {
                    writes.forEach(write -> requireAccepted(write.join()));
                    return all;
                })
                .thenCompose(recorded -> CompletableFuture.supplyAsync(() -> new ManifestCopies(ctx).store(w.fleet(), manifest,
                        quorum.manifestCopies(manifest.codec(), w.fleet().live().size())), ctx.pipeline()))
                .thenCompose(holders -> ctx.<Census.Recorded>askCensus(replyTo -> new Census.RecordObject(new ObjectEntry(manifest.cid(),
                        manifest.objectCid(), manifest.objectSize(), manifest.chunks().size(), holders, System.currentTimeMillis()),
                        replyTo)))
                .thenApply(recorded -> requireAccepted(recorded))
                .thenApply(recorded -> new KwamNode.Protected(manifest.cid(), manifest.objectCid(), manifest.objectSize(),
                        manifest.chunks().size(), manifest.encode(), w.quorum(), unplacedFragments));
    }
}
