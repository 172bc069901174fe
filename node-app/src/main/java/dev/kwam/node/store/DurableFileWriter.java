package dev.kwam.node.store;

import static dev.kwam.node.store.FragmentStore.failure;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.FragmentFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable write of one already-verified fragment, called under its cid's stripe lock:
 * <ol>
 * <li>a held copy that verifies is fsynced again and kept (idempotent put);
 * <li>otherwise free space is checked (room for the bytes, then the reserve) before anything
 *     touches the disk;
 * <li>the bytes go to {@code tmp/<hex>.<n>.part}, which is fsynced;
 * <li>the fan-out directories are created if absent, each parent fsynced after a creation;
 * <li>a held copy that failed verification is hard-linked into quarantine;
 * <li>the temp file is renamed over {@code fragments/ab/cd/<hex>} (atomic: readers see the old
 *     file or the new one, never a mix or a gap);
 * <li>the leaf directory is fsynced, making the rename durable.
 * </ol>
 * Any failure before the rename removes the temp file (and the quarantine link) and leaves what was
 * stored untouched.
 */
final class DurableFileWriter {
    private final StoreLayout layout;
    private final StoreOptions options;
    private final WriteChannels channels;
    private final FileStore fileStore;
    private final Quarantine quarantine;
    private final DurableDirectories directories;
    private final SpaceAccounting accounting;
    private final AtomicLong tempSequence = new AtomicLong();
    private final ThreadLocal<MessageDigest> sha = ThreadLocal.withInitial(Cid::sha256);

    DurableFileWriter(StoreLayout layout, StoreOptions options, WriteChannels channels, FileStore fileStore,
            Quarantine quarantine, DurableDirectories directories, SpaceAccounting accounting) {
        this.layout = layout;
        this.options = options;
        this.channels = channels;
        this.fileStore = fileStore;
        this.quarantine = quarantine;
        this.directories = directories;
        this.accounting = accounting;
    }

    /** Stores {@code bytes}, already verified against {@code cid}; the caller holds the cid's stripe lock. */
    void write(Cid cid, byte[] bytes) throws StoreException {
        Path target = layout.fileOf(cid);
        Path leaf = target.getParent();
        boolean held = true;
        String damage = null;
        try {
            FragmentFileCheck.verifyStreaming(target, cid, sha.get());
        } catch (NoSuchFileException e) {
            held = false;
        } catch (FragmentFormatException e) {
            damage = e.getMessage();
        } catch (IOException e) {
            throw failure(e, "checking the copy already stored", target, cid);
        }
        if (held && damage == null) {
            syncHeldCopy(target, cid);
            return;
        }
        checkReserve(cid, bytes.length);
        Path temp = writeTemp(cid, bytes);
        QuarantineRecord aside = null;
        try {
            directories.ensure(leaf);
            if (damage != null) {
                aside = quarantine.linkAside(target, cid, damage);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failure(undo(e, temp, aside), "moving the fragment into place", target, cid);
        }
        if (aside != null) {
            accounting.movedToQuarantine(aside.bytes());
        }
        accounting.stored(bytes.length);
        try {
            DurableDirectories.fsync(leaf);
        } catch (IOException e) {
            // The name now holds verified bytes; only their durability is unknown, and a retried put
            // finds them intact and fsyncs again.
            throw failure(e, "fsync of the directory after the rename", leaf, cid);
        }
    }

    /**
     * A held copy may have been renamed in by a put whose directory fsync failed, so a re-put makes
     * it durable again instead of trusting it; both fsyncs are cheap when nothing is dirty.
     */
    private void syncHeldCopy(Path target, Cid cid) throws StoreException {
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ)) {
            // The writer relies on this copy now: a fresh write time keeps the surplus collector off it
            // (FragmentStore.deleteIfWrittenBefore).
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            ch.force(true);
            directories.ensure(target.getParent());
            DurableDirectories.fsync(target.getParent());
        } catch (IOException e) {
            throw failure(e, "fsync of the copy already stored", target, cid);
        }
    }

    private void checkReserve(Cid cid, long needed) throws StoreException {
        long usable;
        long total;
        try {
            usable = fileStore.getUsableSpace();
            total = fileStore.getTotalSpace();
        } catch (IOException e) {
            throw failure(e, "reading the free space (needed to honour the reserve)", layout.root(), cid);
        }
        if (usable < needed) {
            // Refused before writing: the kernel would say ENOSPC part-way through the temp file.
            throw new StoreException(StoreError.diskFull(layout.root(), cid, usable, needed));
        }
        long reserve = options.reserveOn(total);
        if (usable - needed < reserve) {
            throw new StoreException(StoreError.reserveReached(layout.root(), cid, usable, needed, reserve));
        }
    }

    private Path writeTemp(Cid cid, byte[] bytes) throws StoreException {
        Path temp = layout.tmp().resolve(cid.hex() + "." + tempSequence.incrementAndGet() + StoreLayout.TEMP_SUFFIX);
        try (FileChannel ch = channels.createNew(temp)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw failure(undo(e, temp, null), "writing the temp file", temp, cid);
        }
        return temp;
    }

    /** Removes what a failed put made; a failure to do so is attached to the original error, not hidden. */
    private IOException undo(IOException cause, Path temp, QuarantineRecord aside) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        if (aside != null) {
            try {
                quarantine.unlink(aside);
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
        return cause;
    }
}
