package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code quarantine/} directory: files the store refused, kept (not deleted) so an operator can
 * look at what went wrong. Each is named {@code <hex>.<UTC time>.<n>} and has a sidecar
 * {@code <name>.why} with the cid, reason, time and former place. The sidecar is written and
 * fsynced before the file moves, so a quarantined file never lacks its explanation.
 */
final class Quarantine {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private final Path dir;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    Quarantine(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /**
     * Renames {@code file} (atomically, same file system) into quarantine. The caller accounts for
     * the move and then calls {@link #syncAfterMove}: the rename has happened even if the fsyncs fail.
     */
    QuarantineRecord moveAside(Path file, Cid cid, String reason) throws IOException {
        Instant when = clock.instant();
        Path target = nameFor(cid.hex(), when);
        long bytes = Files.size(file);
        writeSidecar(target, cid.toString(), reason, when, file);
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        return new QuarantineRecord(cid, reason, when, target, bytes);
    }

    /** Whether a file stored as {@code cid} was set aside here (by a scrub, a read or a replacing write). */
    boolean holds(Cid cid) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var named = Files.newDirectoryStream(dir, cid.hex() + ".*")) {
            for (Path p : named) {
                if (!p.getFileName().toString().endsWith(".why")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Makes a {@link #moveAside} durable: both directories whose entries changed. */
    void syncAfterMove(Path formerDirectory) throws IOException {
        DurableDirectories.fsync(dir);
        DurableDirectories.fsync(formerDirectory);
    }

    /**
     * Hard-links {@code file} into quarantine, leaving it in place, so a corrupt stored copy can be
     * replaced by one atomic rename over it with no moment at which the name is absent.
     */
    QuarantineRecord linkAside(Path file, Cid cid, String reason) throws IOException {
        Instant when = clock.instant();
        Path target = nameFor(cid.hex(), when);
        long bytes = Files.size(file);
        writeSidecar(target, cid.toString(), reason, when, file);
        Files.createLink(target, file);
        DurableDirectories.fsync(dir);
        return new QuarantineRecord(cid, reason, when, target, bytes);
    }

    /** Takes back a {@link #linkAside} whose replacement did not happen; the original never left its place. */
    void unlink(QuarantineRecord record) throws IOException {
        Files.deleteIfExists(record.file());
        Files.deleteIfExists(sidecarOf(record.file()));
        DurableDirectories.fsync(dir);
    }

    /** Moves a file that has no business in the fragment tree (not named like a cid, or misplaced). */
    Path moveStray(Path file, String reason) throws IOException {
        Instant when = clock.instant();
        Path target = nameFor("stray-" + file.getFileName(), when);
        writeSidecar(target, "none", reason, when, file);
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        DurableDirectories.fsync(dir);
        DurableDirectories.fsync(file.getParent());
        return target;
    }

    static Path sidecarOf(Path quarantined) {
        return quarantined.resolveSibling(quarantined.getFileName() + StoreLayout.SIDECAR_SUFFIX);
    }

    private Path nameFor(String base, Instant when) {
        return dir.resolve(base + "." + STAMP.format(when) + "." + sequence.incrementAndGet());
    }

    private static void writeSidecar(Path quarantined, String cid, String reason, Instant when, Path from)
            throws IOException {
        String text = "cid=" + cid + "\nreason=" + reason.replace('\n', ' ') + "\nwhen=" + when + "\nfrom=" + from + "\n";
        Path sidecar = sidecarOf(quarantined);
        try (FileChannel ch = FileChannel.open(sidecar, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
