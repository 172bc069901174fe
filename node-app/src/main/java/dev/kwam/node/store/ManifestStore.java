package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.manifest.ManifestFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's copies of signed manifests, beside its fragment store: one file per manifest, named by
 * its cid (the SHA-256 of the manifest's bytes). A manifest is the only way to find an object's
 * fragments, so it is kept with the same care as a fragment: verified (hash and signature) before
 * it is written, written through {@code tmp/} + fsync + rename + directory fsync, and hash-checked
 * again on every read; a copy that no longer matches its name is moved to {@code quarantine/} and
 * never served.
 *
 * <pre>
 * root/ab/&lt;64 hex&gt;            a manifest, named by its cid's hex digest
 * root/tmp/&lt;hex&gt;.&lt;n&gt;.part      a write in progress; removed at start-up
 * root/quarantine/&lt;hex&gt;.&lt;n&gt;   a copy that failed its hash on read
 * </pre>
 *
 * Thread-safe: writes of one cid may race, but each renames a complete, verified file over the
 * other's, so the result is one of two identical files.
 */
public final class ManifestStore {
    /**
     * The largest manifest this store keeps (and the data plane accepts): 64 MiB. A manifest grows
     * by 72 + 32 (k+m) bytes per chunk, so at rs(10,4) and 1 MiB chunks this is an object of about
     * 129 GiB; {@link Manifest#MAX_BYTES} (512 MiB) is what the codec can parse, far more than a
     * node should hold in memory per request.
     */
    public static final int MAX_BYTES = 64 << 20;
    static final String TMP = "tmp";
    static final String QUARANTINE = "quarantine";
    private static final Logger LOG = LoggerFactory.getLogger(ManifestStore.class);

    private final Path root;
    private final DurableDirectories directories;
    private final AtomicLong sequence = new AtomicLong();

    private ManifestStore(Path root) {
        this.root = root;
        this.directories = new DurableDirectories(root, root.resolve(TMP), root.resolve(QUARANTINE));
    }

    /** Opens (creating if needed) the manifest store at {@code root}, removing writes a crash left half done. */
    public static ManifestStore open(Path root) throws StoreException {
        Path dir = root.toAbsolutePath().normalize();
        try {
            for (Path d : new Path[] {dir, dir.resolve(TMP), dir.resolve(QUARANTINE)}) {
                Files.createDirectories(d);
                DurableDirectories.fsync(d.getParent());
            }
            try (var leftovers = Files.list(dir.resolve(TMP))) {
                for (Path p : (Iterable<Path>) leftovers::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            return new ManifestStore(dir);
        } catch (IOException e) {
            throw new StoreException(StoreError.fromIo(e, "opening the manifest store", dir, Optional.empty()), e);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Stores {@code bytes} as manifest {@code cid}, durably, after checking that they hash to
     * {@code cid}, are at most {@link #MAX_BYTES} and decode as a manifest whose signature verifies
     * against the key it names (whether that key is trusted is the reader's question).
     *
     * @throws StoreException {@code FRAGMENT_MISMATCH} for bytes that are not that manifest,
     *         {@code DISK_FULL} or {@code IO_ERROR}; nothing partial is left
     */
    public void put(Cid cid, byte[] bytes) throws StoreException {
        Path target = fileOf(cid);
        String refusal = refusal(cid, bytes);
        if (refusal != null) {
            throw new StoreException(new StoreError(StoreError.Code.FRAGMENT_MISMATCH, target, Optional.of(cid.toString()),
                    "refused a manifest: " + refusal, "send the manifest's exact bytes under the cid they hash to; nothing was stored"));
        }
        if (matches(target, cid)) {
            return; // held already and intact: an idempotent put
        }
        Path temp = root.resolve(TMP).resolve(cid.hex() + "." + sequence.incrementAndGet() + ".part");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            directories.ensure(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically within " + root, e);
            }
            DurableDirectories.fsync(target.getParent());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new StoreException(StoreError.fromIo(e, "writing the manifest", target, Optional.of(cid)), e);
        }
    }

    /**
     * The manifest stored as {@code cid}, hash-checked now; empty when it is not here (or was here
     * but no longer matched its cid, in which case it is moved to quarantine).
     */
    public Optional<byte[]> get(Cid cid) throws StoreException {
        Path file = fileOf(cid);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                quarantine(cid, file, "larger than " + MAX_BYTES + " bytes");
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException(StoreError.fromIo(e, "reading the manifest", file, Optional.of(cid)), e);
        }
        if (!cid.matches(Cid.sha256().digest(bytes))) {
            quarantine(cid, file, "its bytes no longer hash to its name");
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    /** Why {@code bytes} cannot be stored as {@code cid}, or null when they can. */
    static String refusal(Cid cid, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return bytes.length + " bytes exceed the " + MAX_BYTES + "-byte limit";
        }
        if (!cid.matches(Cid.sha256().digest(bytes))) {
            return "its bytes hash to " + Cid.of(bytes) + ", not " + cid;
        }
        try {
            Manifest.decode(bytes);
        } catch (ManifestFormatException e) {
            return "not a valid signed manifest: " + e.getMessage();
        }
        return null;
    }

    private boolean matches(Path file, Cid cid) {
        try {
            return Files.size(file) <= MAX_BYTES && cid.matches(Cid.sha256().digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return false;
        }
    }

    private void quarantine(Cid cid, Path file, String why) throws StoreException {
        Path aside = root.resolve(QUARANTINE).resolve(cid.hex() + "." + System.currentTimeMillis() + "." + sequence.incrementAndGet());
        LOG.error("manifest {} at {} failed verification ({}); moved to {} and not served", cid, file, why, aside);
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            DurableDirectories.fsync(file.getParent());
        } catch (NoSuchFileException gone) {
            // a concurrent reader moved it first
        } catch (IOException e) {
            throw new StoreException(StoreError.fromIo(e, "quarantining the manifest", file, Optional.of(cid)), e);
        }
    }

    /** {@code root/ab/<hex>}: one level of fan-out; a node holds few manifests compared with fragments. */
    Path fileOf(Cid cid) {
        String hex = cid.hex();
        return root.resolve(hex.substring(0, 2)).resolve(hex);
    }
}
