package dev.kwam.node.audit;

import dev.kwam.actors.pki.NodeCertificate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's tamper-evident audit log, {@code <data>/audit/audit.log} (layout and guarantees: docs/security.md):
 * one canonical JSON line per record ({@link AuditLine}), each chained to the previous line by SHA-256 and
 * signed by the node's key. {@link #append} returns only after the line is fsynced, so an action that waits
 * for it never happens unrecorded; then {@code audit.head} is replaced to seal the new length. One writer per
 * directory, held by a file lock for as long as the log is open.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    /**
     * Logs open in this JVM. Checked before a second channel is opened, because POSIX drops a process's
     * lock on a file when any of its descriptors for that file closes: a refused second opener in the
     * same JVM closing its channel would silently unlock the first.
     */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final AuditFiles files;
    private final FileChannel channel;
    private final FileLock lock;
    private final PrivateKey key;
    private final Clock clock;
    private final Optional<TornTail> recovered;
    private final java.util.List<java.util.function.Consumer<AuditRecord>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long lastSeq;
    private String lastHash;
    private long end;
    private AuditException failed;

    private AuditLog(AuditFiles files, FileChannel channel, FileLock lock, PrivateKey key, Clock clock,
            AuditFiles.Opened state) {
        this.files = files;
        this.channel = channel;
        this.lock = lock;
        this.key = key;
        this.clock = clock;
        this.lastSeq = state.lastSeq();
        this.lastHash = state.lastHash();
        this.end = state.end();
        this.recovered = state.torn();
    }

    /** Opens (creating if absent) the audit log of the node whose data directory is {@code dataDir}, signing with its key. */
    public static AuditLog open(Path dataDir, NodeCertificate node) throws AuditException {
        return open(dataDir, node.privateKey(), node.certificate(), node.id().toString(), Clock.systemUTC());
    }

    static AuditLog open(Path dataDir, PrivateKey key, X509Certificate certificate, String nodeId, Clock clock)
            throws AuditException {
        AuditFiles files = AuditFiles.in(dataDir);
        if (!OPEN.add(files.log())) {
            throw alreadyOpen(files);
        }
        try {
            return open(files, key, certificate, nodeId, clock);
        } catch (AuditException | RuntimeException e) {
            OPEN.remove(files.log());
            throw e;
        }
    }

    private static AuditLog open(AuditFiles files, PrivateKey key, X509Certificate certificate, String nodeId, Clock clock)
            throws AuditException {
        // Before the log is opened: a renewed key sets the old log aside, and the channel must be the new file's.
        Optional<Path> setAside = files.checkSigner(certificate);
        FileChannel channel = files.openLog();
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held in this JVM through a path OPEN did not recognise (a symlink): refused all the same
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AuditException("the audit log cannot be locked", files.log(), String.valueOf(e),
                    "put the data directory on a local file system that supports file locks", e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw alreadyOpen(files);
        }
        try {
            AuditFiles.Opened state = files.resume(channel, key, certificate);
            AuditLog log = new AuditLog(files, channel, lock, key, clock, state);
            if (setAside.isPresent()) {
                LOG.warn("this node's certificate has a new key: the audit log signed by the previous key was set aside in {}"
                        + " (kwam audit verify --data {} checks it); a new log begins", setAside.get(), setAside.get());
                log.append(new AuditRecord("audit", nodeId, "signer-changed", files.log().toString(), "recorded",
                        "the node's certificate has a new key; the log signed by the previous key was set aside in "
                                + setAside.get().getFileName()));
            }
            if (state.torn().isPresent()) {
                TornTail torn = state.torn().get();
                LOG.warn("the audit log {} ended in {} bytes of a record never completed (a crash mid-write); kept in {}",
                        files.log(), torn.bytes(), torn.keptIn());
                log.append(new AuditRecord("audit", nodeId, "torn-tail-recovered", files.log().toString(), "recovered",
                        torn.bytes() + " bytes after seq " + state.lastSeq() + " were not a complete record; kept in "
                                + torn.keptIn().getFileName()));
            }
            return log;
        } catch (AuditException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Writes {@code record} as the next line and returns its seq once the line is on disk (fsynced).
     * After a failed write the log refuses every further append: what reached the disk is unknown, and
     * an action must not proceed on a record that may not exist.
     */
    public synchronized long append(AuditRecord record) throws AuditException {
        if (failed != null) {
            throw failed;
        }
        if (!channel.isOpen()) {
            throw new AuditException("the audit log is closed", files.log(), "append after close",
                    "append only while the node is running", null);
        }
        AuditLine line = AuditLine.signed(lastSeq + 1, lastHash, clock.instant().toString(), record, key);
        ByteBuffer bytes = ByteBuffer.wrap((line.text() + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            long at = end;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            channel.force(true);
            AuditHead.signed(line.seq(), line.hash(), key).writeTo(files.head());
            end = at;
        } catch (IOException e) {
            failed = new AuditException("the audit log cannot be written", files.log(), String.valueOf(e),
                    "free space or fix the disk, then restart the node (opening the log recovers a torn last line)", e);
            throw failed;
        }
        lastSeq = line.seq();
        lastHash = line.hash();
        for (java.util.function.Consumer<AuditRecord> l : listeners) {
            l.accept(record);
        }
        return lastSeq;
    }

    /** Called with every record once it is on disk, on the appending thread and under the log's lock: keep it short. */
    public void listen(java.util.function.Consumer<AuditRecord> listener) {
        listeners.add(listener);
    }

    /** The seq of the last record written; 0 for an empty log. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** A torn last line found (and kept aside) when this log was opened. */
    public Optional<TornTail> recoveredTornTail() {
        return recovered;
    }

    public Path file() {
        return files.log();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            try {
                lock.release();
                channel.close();
            } finally {
                OPEN.remove(files.log());
            }
        }
    }

    private static AuditException alreadyOpen(AuditFiles files) {
        return new AuditException("the audit log is already open", files.log(),
                "another writer (a node in this or another process) holds it; a log has one writer",
                "stop the other node using this --data directory, or give this one its own --data", null);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the open already failed with the error that matters; closing releases the lock either way
            LOG.debug("closing the audit log after a failed open", e);
        }
    }

    /** Bytes at the end of the log that never became a record, moved to {@code keptIn} when the log was opened. */
    public record TornTail(long bytes, Path keptIn) {
    }
}
