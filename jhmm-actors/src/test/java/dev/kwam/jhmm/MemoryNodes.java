package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.codec.FragmentSink;
import dev.kwam.codec.FragmentSource;
import dev.kwam.codec.fragment.Fragment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nodes' fragment stores in memory, holding real fragment files from the codec, reachable through the
 * repair's ports; and ways to make them misbehave: a node down, one that hangs, corrupt bytes, a port
 * that throws.
 */
final class MemoryNodes implements FragmentFetcher, FragmentWriter {
    final Map<String, Map<Cid, byte[]>> stores = new ConcurrentHashMap<>();
    final Set<String> down = ConcurrentHashMap.newKeySet();
    final Set<String> hanging = ConcurrentHashMap.newKeySet();
    final Set<String> reportCorrupt = ConcurrentHashMap.newKeySet();
    /** Fetches that throw (not fail): a bug in the port, which crashes the repair attempt. */
    final AtomicInteger throwOnNextFetches = new AtomicInteger();
    final AtomicInteger failNextWrites = new AtomicInteger();
    final AtomicLong bytesFetched = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    final AtomicInteger fetches = new AtomicInteger();
    /** Every fetch answers this much later (a slow network), when set. */
    volatile java.time.Duration fetchDelay = java.time.Duration.ZERO;
    /** When false, writes land on the node but their acknowledgement never comes back. */
    volatile boolean ackWrites = true;
    /** When the first and the last byte moved, for rate measurements ({@link System#nanoTime()}). */
    final AtomicLong firstByteNanos = new AtomicLong();
    final AtomicLong lastByteNanos = new AtomicLong();
    final List<String> writes = new CopyOnWriteArrayList<>();
    final List<PlacementProof> deletions = new CopyOnWriteArrayList<>();
    /** Every write and delete in order, as "write node cid" / "delete node cid". */
    final List<String> log = new CopyOnWriteArrayList<>();

    static final class CorruptHere extends IOException implements FragmentSource.CorruptAtSource {
        private static final long serialVersionUID = 1L;

        CorruptHere(String message) {
            super(message);
        }
    }

    Map<Cid, byte[]> store(String node) {
        return stores.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
    }

    /** A sink that puts fragment {@code i} of each stripe on {@code placement.get(i)}. */
    FragmentSink placing(java.util.function.Function<Fragment, String> where) {
        return f -> store(where.apply(f)).put(f.cid(), f.toBytes());
    }

    void flipByte(String node, Cid fragment, int offset) {
        store(node).get(fragment)[offset] ^= 0x01;
    }

    /** How many nodes hold {@code fragment}. */
    int copies(Cid fragment) {
        return (int) stores.values().stream().filter(s -> s.containsKey(fragment)).count();
    }

    List<String> holders(Cid fragment) {
        List<String> nodes = new ArrayList<>();
        stores.forEach((node, s) -> {
            if (s.containsKey(fragment)) {
                nodes.add(node);
            }
        });
        return nodes;
    }

    @Override
    public CompletionStage<Optional<byte[]>> fetch(String node, Cid fragment) {
        fetches.incrementAndGet();
        if (throwOnNextFetches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("fetcher bug: " + node);
        }
        if (hanging.contains(node)) {
            return new CompletableFuture<>();
        }
        if (down.contains(node)) {
            return CompletableFuture.failedFuture(new IOException("connection refused by " + node));
        }
        if (reportCorrupt.contains(node)) {
            return CompletableFuture.failedFuture(new CorruptHere(node + " quarantined " + fragment));
        }
        byte[] bytes = store(node).get(fragment);
        if (bytes != null) {
            bytesFetched.addAndGet(bytes.length);
            moved();
        }
        Optional<byte[]> answer = Optional.ofNullable(bytes).map(byte[]::clone);
        if (fetchDelay.isZero()) {
            return CompletableFuture.completedFuture(answer);
        }
        return CompletableFuture.supplyAsync(() -> answer,
                CompletableFuture.delayedExecutor(fetchDelay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Override
    public CompletionStage<Void> write(String node, Fragment fragment) {
        if (failNextWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new IOException("disk full on " + node));
        }
        if (down.contains(node)) {
            return CompletableFuture.failedFuture(new IOException("connection refused by " + node));
        }
        // As node-app's FragmentStore: a held copy that no longer hashes to its cid is replaced, an intact one kept.
        store(node).compute(fragment.cid(), (cid, held) -> held != null && dev.kwam.codec.Cid.of(held, 0,
                dev.kwam.codec.fragment.FragmentHeader.BYTES).equals(cid) && intact(held) ? held : fragment.toBytes());
        bytesWritten.addAndGet(fragment.size());
        moved();
        writes.add(node + " " + fragment.cid());
        log.add("write " + node + " " + fragment.cid());
        return ackWrites ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
    }

    private static boolean intact(byte[] file) {
        try {
            dev.kwam.codec.fragment.Fragment.parseVerified(file, dev.kwam.codec.Cid.of(file, 0,
                    dev.kwam.codec.fragment.FragmentHeader.BYTES), dev.kwam.codec.Cid.sha256());
            return true;
        } catch (dev.kwam.codec.fragment.FragmentFormatException | RuntimeException e) {
            return false;
        }
    }

    private void moved() {
        long now = System.nanoTime();
        firstByteNanos.compareAndSet(0, now);
        lastByteNanos.set(now);
    }

    @Override
    public CompletionStage<Void> delete(PlacementProof proof, String node, Cid fragment) {
        store(node).remove(fragment);
        deletions.add(proof);
        log.add("delete " + node + " " + fragment);
        return CompletableFuture.completedFuture(null);
    }
}
