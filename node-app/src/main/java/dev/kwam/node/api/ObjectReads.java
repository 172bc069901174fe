package dev.kwam.node.api;

import dev.kwam.codec.Cid;
import dev.kwam.codec.FragmentProblem;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.RecoverOptions;
import dev.kwam.codec.RecoveryResult;
import dev.kwam.codec.TrustedKeys;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.node.api.KwamNode.ErrorCode;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.node.read.ClusterFragmentSource;
import dev.kwam.node.read.HolderIndex;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recover and Stat: the manifest ({@link ManifestLookup}), the census's slots for its stripes, and
 * then either the object's bytes or its health. A recover that the census already shows to be
 * hopeless (some stripe with fewer than k fragments on live nodes) is refused before a byte is sent;
 * otherwise the bytes stream as they are verified, and the stream fails — never completes — if a
 * stripe or the object's hash turns out wrong midway.
 */
final class ObjectReads {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectReads.class);
    /** Stripes fetched and rebuilt at once: enough to overlap one stripe's fetches with another's decode. */
    private static final int PARALLELISM = Math.max(4, Runtime.getRuntime().availableProcessors());
    private final NodeContext ctx;

    ObjectReads(NodeContext ctx) {
        this.ctx = ctx;
    }

    private record Located(FleetView fleet, Manifest manifest, Map<Cid, StripeEntry> stripes) {
    }

    private CompletionStage<Located> locate(Cid object) {
        return ctx.fleet().thenCompose(fleet -> ctx.<Census.ObjectFound>askCensus(r -> new Census.LookupObject(object, r))
                .thenCompose(found -> CompletableFuture.supplyAsync(
                        () -> new ManifestLookup(ctx).find(object, fleet, found.entry()), ctx.pipeline()))
                .thenCompose(manifest -> {
                    List<Cid> chunks = manifest.chunks().stream().map(ChunkEntry::chunkCid).distinct().toList();
                    return ctx.<Census.Stripes>askCensus(r -> new Census.LookupStripes(chunks, r))
                            .thenApply(stripes -> new Located(fleet, manifest, stripes.found()));
                }));
    }

    static KwamNode.ObjectInfo info(Manifest m) {
        return new KwamNode.ObjectInfo(m.cid(), m.objectCid(), m.objectSize(), m.chunks().size());
    }

    CompletionStage<KwamNode.RecoverReply> recover(Cid object, Consumer<KwamNode.NodeEvent> publish) {
        if (object == null) {
            return CompletableFuture.completedFuture(new KwamNode.Failed(ErrorCode.INVALID_ARGUMENT, "no object cid given", List.of()));
        }
        return locate(object).<KwamNode.RecoverReply>thenApply(at -> {
            HolderIndex holders = new HolderIndex(at.manifest(), at.stripes(), at.fleet(),
                    at.fleet().antiAffinity(ctx.settings().antiAffinity()));
            List<String> hopeless = holders.hopelessStripes(at.stripes());
            if (!hopeless.isEmpty()) {
                throw new Refused(ErrorCode.UNRECOVERABLE, "object " + object + " cannot be recovered: some stripe has fewer than "
                        + at.manifest().codec().dataCount() + " fragments on live nodes", hopeless);
            }
            TrustedKeys trust = TrustedKeys.of(new ManifestLookup(ctx).trusted(at.fleet()));
            ClusterFragmentSource source = new ClusterFragmentSource(holders, ctx.fetcher(at.fleet()), corruptionReport(at.manifest()));
            return new KwamNode.Recovering(info(at.manifest()), stream(at.manifest(), source, trust, publish));
        }).exceptionally(Refused::of);
    }

    /** A corrupt fragment met on the way is named by its stripe and index and handed to the JHMM ("read"). */
    private ClusterFragmentSource.CorruptionReport corruptionReport(Manifest manifest) {
        if (ctx.healing().isEmpty()) {
            return ClusterFragmentSource.CorruptionReport.NONE;
        }
        return (node, fragment) -> {
            for (ChunkEntry chunk : manifest.chunks()) {
                int index = chunk.fragments().indexOf(fragment);
                if (index >= 0) {
                    ctx.healing().get().faulty(chunk.chunkCid(), index, node, "read");
                    return;
                }
            }
        };
    }

    /**
     * Each materialization runs one recovery on the pipeline dispatcher, writing into a bounded queue
     * that the consumer drains: a slow consumer holds the recovery back instead of filling memory.
     */
    private Source<ByteString, NotUsed> stream(Manifest manifest, ClusterFragmentSource source, TrustedKeys trust,
            Consumer<KwamNode.NodeEvent> publish) {
        return Source.<ByteString>queue(16, OverflowStrategy.backpressure()).mapMaterializedValue(queue -> {
            CompletableFuture.runAsync(() -> {
                try (QueueOutputStream out = new QueueOutputStream(queue)) {
                    // The SDK fetches fragments inside its workers, so they run on the blocking-I/O pool: a slow
                    // peer must not pin a codec thread.
                    RecoveryResult result = Kwam.recover(manifest, source, out, trust,
                            RecoverOptions.defaults().withExecutor(ctx.io()).withParallelism(PARALLELISM));
                    out.flushPending();
                    queue.complete();
                    Set<Integer> degraded = new HashSet<>();
                    for (FragmentProblem p : result.problems()) {
                        degraded.add(p.stripe());
                    }
                    publish.accept(new KwamNode.ObjectRecovered(info(manifest), degraded.size()));
                } catch (Throwable e) {
                    LOG.warn("recovery of {} failed: {}", manifest.cid(), e.getMessage());
                    queue.fail(e);
                }
            }, ctx.pipeline());
            return NotUsed.getInstance();
        });
    }

    CompletionStage<KwamNode.StatReply> stat(Cid object) {
        if (object == null) {
            return CompletableFuture.completedFuture(new KwamNode.Failed(ErrorCode.INVALID_ARGUMENT, "no object cid given", List.of()));
        }
        return locate(object).<KwamNode.StatReply>thenApply(at -> {
            List<KwamNode.StripeStat> stripes = new ArrayList<>();
            Manifest m = at.manifest();
            for (int s = 0; s < m.chunks().size(); s++) {
                ChunkEntry chunk = m.chunks().get(s);
                StripeEntry entry = at.stripes().get(chunk.chunkCid());
                List<KwamNode.FragmentStat> fragments = new ArrayList<>();
                for (int i = 0; i < chunk.fragments().size(); i++) {
                    fragments.add(fragmentStat(i, chunk.fragments().get(i), entry, at.fleet()));
                }
                stripes.add(new KwamNode.StripeStat(s, chunk.chunkCid(), m.codec().dataCount(), m.codec().parityCount(), fragments));
            }
            return new KwamNode.ObjectStat(info(m), stripes);
        }).exceptionally(Refused::of);
    }

    /** The census's word on one fragment, except that a holder which is not a live member makes it missing. */
    private static KwamNode.FragmentStat fragmentStat(int index, Cid cid, StripeEntry entry, FleetView fleet) {
        if (entry != null) {
            for (FragmentSlot slot : entry.slots()) {
                if (slot.index() == index && slot.fragment().equals(cid)) {
                    String state = slot.state().name().toLowerCase(Locale.ROOT);
                    if (slot.state() == dev.kwam.placement.census.SlotState.OK && !fleet.isLive(slot.node())) {
                        state = "missing";
                    }
                    return new KwamNode.FragmentStat(index, cid, slot.node(), state);
                }
            }
        }
        return new KwamNode.FragmentStat(index, cid, "", "missing");
    }
}
