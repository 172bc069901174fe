package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import dev.kwam.codec.FragmentSink;
import dev.kwam.codec.FragmentSource;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentFormatException;
import dev.kwam.codec.fragment.FragmentHeader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A node's content-addressed fragment store: fragment files by cid under fan-out directories (see
 * {@link StoreLayout}), each written durably before {@code put} returns and re-verified on every
 * read. Bytes that do not match their cid are never stored and never served: a corrupt file found
 * on read or scrub is moved to {@code quarantine/}.
 *
 * <p>Thread-safe. Reads take no lock; writes, deletes and quarantine moves of one cid are
 * serialised by one of 256 stripe locks, so different cids proceed in parallel. One store per
 * directory: {@code open} takes an exclusive lock on {@code store.lock}. The durability protocol
 * and the reasoning behind it are in {@code docs/store.md}.
 */
public final class FragmentStore implements FragmentSink, FragmentSource, Closeable {
    private static final int STRIPES = 256;

    private final StoreLayout layout;
    private final StoreOptions options;
    private final FileStore fileStore;
    private final FileChannel lockChannel;
    private final Quarantine quarantine;
    private final SpaceAccounting accounting;
    private final DurableFileWriter writer;
    private final StartupReport startupReport;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final ThreadLocal<MessageDigest> sha = ThreadLocal.withInitial(Cid::sha256);
    private volatile boolean closed;

    private FragmentStore(StoreLayout layout, StoreOptions options, WriteChannels channels, FileStore fileStore,
            FileChannel lockChannel, Quarantine quarantine, StartupReport report) {
        this.layout = layout;
        this.options = options;
        this.fileStore = fileStore;
        this.lockChannel = lockChannel;
        this.quarantine = quarantine;
        this.startupReport = report;
        this.accounting = new SpaceAccounting(report.fragments(), report.fragmentBytes(), report.quarantined(),
                report.quarantinedBytes());
        this.writer = new DurableFileWriter(layout, options, channels, fileStore, quarantine,
                new DurableDirectories(layout.fragments()), accounting);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Opens (creating if needed) the store rooted at {@code root}, which it then owns exclusively:
     * removes temp files a crash left, moves strays out of the fragment tree, and rebuilds the space
     * accounting by a scan ({@link #startupReport()} says what it found).
     */
    public static FragmentStore open(Path root, StoreOptions options) throws StoreException {
        return open(root, options, WriteChannels.DIRECT, Clock.systemUTC());
    }

    static FragmentStore open(Path root, StoreOptions options, WriteChannels channels, Clock clock)
            throws StoreException {
        StoreLayout layout = new StoreLayout(root);
        FileChannel lockChannel = null;
        try {
            createDurably(layout.root());
            for (Path dir : new Path[] {layout.fragments(), layout.quarantine(), layout.tmp()}) {
                createDurably(dir);
            }
            lockChannel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel);
            if (lock == null) {
                throw new StoreException(new StoreError(StoreError.Code.STORE_LOCKED, layout.lockFile(), Optional.empty(),
                        "another fragment store (in this or another process) has this directory open",
                        "stop the other node using " + layout.root() + ", or give this one its own data directory"));
            }
            Quarantine quarantine = new Quarantine(layout.quarantine(), clock);
            StartupReport report = StartupScan.run(layout, quarantine);
            return new FragmentStore(layout, options, channels, Files.getFileStore(layout.root()), lockChannel,
                    quarantine, report);
        } catch (IOException e) {
            closeAfterFailure(lockChannel, e);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(StoreError.fromIo(e, "opening the fragment store", layout.root(), Optional.empty()), e);
        }
    }

    /**
     * Stores {@code fragment} durably, after checking that its bytes match its cid. Returns only when
     * the file and its directory entry are on stable storage. Storing a cid already held is a no-op
     * once the held copy verifies; a held copy that does not verify is replaced in one atomic rename
     * and kept in quarantine.
     *
     * @throws StoreException {@code FRAGMENT_MISMATCH}, {@code RESERVE_REACHED}, {@code DISK_FULL} or
     *         {@code IO_ERROR}; in every case nothing partial is left and what was stored before is intact
     */
    @Override
    public void put(Fragment fragment) throws StoreException {
        ensureOpen();
        Cid cid = fragment.cid();
        byte[] bytes = fragment.toBytes();
        try {
            // Verify the exact bytes about to be written, so a caller changing its payload array
            // afterwards cannot slip unverified bytes onto disk.
            Fragment.parseVerified(bytes, cid, sha.get());
        } catch (FragmentFormatException e) {
            throw new StoreException(new StoreError(StoreError.Code.FRAGMENT_MISMATCH, layout.fileOf(cid),
                    Optional.of(cid.toString()), "refused a fragment whose bytes do not match its cid: " + e.getMessage(),
                    "the fragment was damaged before it reached the store (in memory or in transit): re-encode or "
                            + "fetch it again; nothing was stored"));
        }
        ReentrantLock lock = stripeOf(cid);
        lock.lock();
        try {
            writer.write(cid, bytes);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads and verifies the fragment file stored under {@code cid}. A file that fails verification
     * is moved to quarantine and reported as {@link ReadResult.Quarantined}, never returned.
     *
     * @throws StoreException {@code IO_ERROR} when the disk would not read (the file is left where it
     *         is: an I/O error is not proof of corruption)
     */
    public ReadResult read(Cid cid) throws StoreException {
        ensureOpen();
        Path file = layout.fileOf(cid);
        try {
            return new ReadResult.Found(cid, FragmentFileCheck.readVerified(file, cid, sha.get()));
        } catch (NoSuchFileException e) {
            return new ReadResult.NotFound(cid);
        } catch (FragmentFormatException e) {
            return readUnderLock(cid, file);
        } catch (IOException e) {
            throw failure(e, "reading the fragment", file, cid);
        }
    }

    /** Re-reads under the stripe lock: a put may have replaced the file since the unlocked read. */
    private ReadResult readUnderLock(Cid cid, Path file) throws StoreException {
        ReentrantLock lock = stripeOf(cid);
        lock.lock();
        try {
            return new ReadResult.Found(cid, FragmentFileCheck.readVerified(file, cid, sha.get()));
        } catch (NoSuchFileException e) {
            return new ReadResult.NotFound(cid);
        } catch (FragmentFormatException e) {
            return new ReadResult.Quarantined(moveAside(cid, file, e.getMessage()));
        } catch (IOException e) {
            throw failure(e, "reading the fragment", file, cid);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link FragmentSource}: the verified file bytes, or empty when not stored.
     *
     * @throws CorruptFragmentException when the stored file failed verification (now quarantined)
     */
    @Override
    public Optional<byte[]> fetch(Cid fragmentCid) throws StoreException {
        ReadResult result = read(fragmentCid);
        if (result instanceof ReadResult.Found found) {
            return Optional.of(found.bytes());
        }
        if (result instanceof ReadResult.Quarantined q) {
            throw new CorruptFragmentException(q.record());
        }
        return Optional.empty();
    }

    /** Verifies one stored fragment with bounded memory, quarantining it on mismatch; for the scrubber. */
    public ScrubResult scrub(Cid cid) throws StoreException {
        ensureOpen();
        Path file = layout.fileOf(cid);
        try {
            return new ScrubResult.Intact(cid, FragmentFileCheck.verifyStreaming(file, cid, sha.get()));
        } catch (NoSuchFileException e) {
            return new ScrubResult.NotFound(cid);
        } catch (FragmentFormatException e) {
            return scrubUnderLock(cid, file);
        } catch (IOException e) {
            throw failure(e, "scrubbing the fragment", file, cid);
        }
    }

    private ScrubResult scrubUnderLock(Cid cid, Path file) throws StoreException {
        ReentrantLock lock = stripeOf(cid);
        lock.lock();
        try {
            return new ScrubResult.Intact(cid, FragmentFileCheck.verifyStreaming(file, cid, sha.get()));
        } catch (NoSuchFileException e) {
            return new ScrubResult.NotFound(cid);
        } catch (FragmentFormatException e) {
            return new ScrubResult.Quarantined(moveAside(cid, file, e.getMessage()));
        } catch (IOException e) {
            throw failure(e, "scrubbing the fragment", file, cid);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a stored fragment: unlink, then fsync of its directory, so the removal survives a
     * crash. The repair machinery deletes only what the census records elsewhere, and space is what
     * deletion is for, so nothing is kept in a trash area.
     *
     * @return false when the cid was not stored
     */
    public boolean delete(Cid cid) throws StoreException {
        ensureOpen();
        Path file = layout.fileOf(cid);
        ReentrantLock lock = stripeOf(cid);
        lock.lock();
        try {
            long size = Files.size(file);
            Files.delete(file);
            accounting.removed(size);
            DurableDirectories.fsync(file.getParent());
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw failure(e, "deleting the fragment", file, cid);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a stored copy out of service on an operator's word (kwam quarantine fragment): moved aside into
     * quarantine with {@code reason}, kept for inspection, never served again. Empty when the cid is not stored here.
     */
    public Optional<QuarantineRecord> quarantine(Cid cid, String reason) throws StoreException {
        ensureOpen();
        Path file = layout.fileOf(cid);
        ReentrantLock lock = stripeOf(cid);
        lock.lock();
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(moveAside(cid, file, reason));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The header of the stored fragment {@code cid} and when it was last written; empty when it is not stored
     * or its header no longer hashes to the cid (the scrubber quarantines such a file).
     */
    public Optional<StoredFragment> describe(Cid cid) throws StoreException {
        ensureOpen();
        Path file = layout.fileOf(cid);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(FragmentHeader.BYTES);
            while (header.hasRemaining() && ch.read(header) >= 0) {
                // a short read continues until the header is whole or the file ends
            }
            byte[] bytes = header.array();
            if (header.hasRemaining() || !cid.equals(Cid.of(bytes))) {
                return Optional.empty();
            }
            Instant written = Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new StoredFragment(cid, FragmentHeader.decode(bytes, 0, bytes.length), written));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (FragmentFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure(e, "reading the fragment's header", file, cid);
        }
    }

    /**
     * Deletes {@code cid} like {@link #delete}, but only when it was last written before {@code writtenBefore},
     * checked under the cid's lock: a writer that stored (or re-stored) the copy since keeps it. How surplus
     * copies are removed without racing a protect that is relying on this copy right now.
     *
     * @return false when the cid was not stored or was written at or after {@code writtenBefore}
     */
    public boolean deleteIfWrittenBefore(Cid cid, Instant writtenBefore) throws StoreException {
        ensureOpen();
        Path file = layout.fileOf(cid);
        ReentrantLock lock = stripeOf(cid);
        lock.lock();
        try {
            if (!Files.getLastModifiedTime(file).toInstant().isBefore(writtenBefore)) {
                return false;
            }
            return delete(cid);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw failure(e, "reading the fragment's write time", file, cid);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a file is stored under {@code cid} (not verified; a quarantined file is not held). */
    public boolean holds(Cid cid) {
        ensureOpen();
        return Files.isRegularFile(layout.fileOf(cid));
    }

    /** Whether a copy of {@code cid} was quarantined here (found corrupt, kept for the operator). */
    public boolean quarantined(Cid cid) throws StoreException {
        ensureOpen();
        try {
            return quarantine.holds(cid);
        } catch (IOException e) {
            throw failure(e, "listing the quarantine", layout.root().resolve(StoreLayout.QUARANTINE), cid);
        }
    }

    /** Every stored cid in ascending order, read lazily one leaf directory at a time (not verified). */
    public Stream<Cid> cids() {
        return walk("");
    }

    /** The stored cids strictly after {@code after}, ascending: how a scrubber resumes. */
    public Stream<Cid> cidsAfter(Cid after) {
        return walk(after.hex());
    }

    private Stream<Cid> walk(String afterHex) {
        ensureOpen();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new CidWalk(layout, afterHex),
                Spliterator.ORDERED | Spliterator.SORTED | Spliterator.DISTINCT | Spliterator.NONNULL), false);
    }

    /** Counts kept since start-up, plus a live reading of the file system's space. */
    public StoreSnapshot snapshot() {
        OptionalLong usable;
        OptionalLong total;
        try {
            usable = OptionalLong.of(fileStore.getUsableSpace());
            total = OptionalLong.of(fileStore.getTotalSpace());
        } catch (IOException e) {
            // Reported as unavailable (empty), never guessed; writes fail on the same reading with the cause.
            usable = OptionalLong.empty();
            total = OptionalLong.empty();
        }
        long reserve = total.isPresent() ? options.reserveOn(total.getAsLong()) : options.reserveBytes();
        boolean accepting = usable.isPresent() && usable.getAsLong() > reserve;
        return new StoreSnapshot(layout.root(), accounting.fragments(), accounting.fragmentBytes(),
                accounting.quarantined(), accounting.quarantinedBytes(), usable, total, reserve, accepting, Instant.now());
    }

    public StartupReport startupReport() {
        return startupReport;
    }

    public Path root() {
        return layout.root();
    }

    /** The file {@code cid} is (or would be) stored in. */
    Path fileOf(Cid cid) {
        return layout.fileOf(cid);
    }

    /** Releases the directory lock. Operations in flight finish; new ones are refused. */
    @Override
    public void close() throws IOException {
        closed = true;
        lockChannel.close(); // closing the channel releases its lock
    }

    private QuarantineRecord moveAside(Cid cid, Path file, String reason) throws StoreException {
        QuarantineRecord record;
        try {
            record = quarantine.moveAside(file, cid, reason);
        } catch (IOException e) {
            throw failure(e, "moving a corrupt fragment (" + reason + ") to quarantine; it stays unserved", file, cid);
        }
        accounting.movedToQuarantine(record.bytes());
        try {
            quarantine.syncAfterMove(file.getParent());
        } catch (IOException e) {
            throw failure(e, "fsync after moving a corrupt fragment to quarantine", file, cid);
        }
        return record;
    }

    private ReentrantLock stripeOf(Cid cid) {
        return stripes[Math.floorMod(cid.hashCode(), STRIPES)];
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("fragment store at " + layout.root() + " is closed");
        }
    }

    static StoreException failure(IOException e, String doing, Path where, Cid cid) {
        return new StoreException(StoreError.fromIo(e, doing, where, Optional.of(cid)), e);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another store in this JVM: the same answer as another process holding it
        }
    }

    private static void createDurably(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            DurableDirectories.fsync(dir.getParent());
        }
    }

    private static void closeAfterFailure(FileChannel channel, IOException primary) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                primary.addSuppressed(e);
            }
        }
    }
}
