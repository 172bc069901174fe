package dev.kwam.node.audit;

import dev.kwam.actors.pki.PeerIdentity;
import dev.kwam.actors.pki.PemFiles;
import dev.kwam.actors.pki.PkiException;
import dev.kwam.codec.DirectoryFragmentStore;
import dev.kwam.node.files.StagedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the audit log lives and what opening it checks. {@code <data>/audit/}:
 * {@code audit.log} (the records), {@code audit.head} (the signed seal of its length),
 * {@code signer.crt} (the certificate whose key signs, for {@code kwam audit verify}) and
 * {@code torn-<offset>.bin} (bytes of a record a crash left unfinished, kept rather than dropped).
 */
record AuditFiles(Path dir) {
    static final String DIRECTORY = "audit";
    static final String LOG = "audit.log";
    static final String HEAD = "audit.head";
    static final String SIGNER = "signer.crt";

    static AuditFiles in(Path dataDir) {
        return new AuditFiles(dataDir.toAbsolutePath().normalize().resolve(DIRECTORY));
    }

    Path log() {
        return dir.resolve(LOG);
    }

    Path head() {
        return dir.resolve(HEAD);
    }

    Path signer() {
        return dir.resolve(SIGNER);
    }

    FileChannel openLog() throws AuditException {
        try {
            ensureDirectory();
            boolean created = !Files.exists(log());
            FileChannel channel = FileChannel.open(log(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (created) {
                DirectoryFragmentStore.fsyncDirectory(dir);
            }
            return channel;
        } catch (IOException e) {
            throw new AuditException("the audit log cannot be opened", log(), String.valueOf(e),
                    "check that the data directory exists and is writable by this user", e);
        }
    }

    /**
     * Writes {@code signer.crt} on first use. Afterwards a certificate with another key is either this node's
     * renewed certificate (the same SPIFFE ID: the log signed by the old key is set aside whole, and a new log
     * begins; the set-aside directory is returned) or another node's (refused: this is not its data directory).
     */
    Optional<Path> checkSigner(X509Certificate certificate) throws AuditException {
        try {
            Optional<Path> setAside = Optional.empty();
            if (Files.exists(signer())) {
                X509Certificate previous = PemFiles.readCertificate(signer());
                if (previous.getPublicKey().equals(certificate.getPublicKey())) {
                    return Optional.empty();
                }
                // A node certificate's one URI SAN is its SPIFFE ID: a renewal keeps it, another node's differs.
                List<String> signedAs = PeerIdentity.readUriSans(previous);
                List<String> nodeIs = PeerIdentity.readUriSans(certificate);
                if (!signedAs.equals(nodeIs)) {
                    throw new AuditException("the audit log was signed by another key", signer(),
                            "signer.crt is " + previous.getSubjectX500Principal() + " " + signedAs
                                    + "; this node is " + nodeIs + ", with another key",
                            "start the node with the certificate it had, or move " + dir + " aside to start a new log", null);
                }
                setAside = Optional.of(setAside());
            }
            ensureDirectory();
            try (StagedFile staged = StagedFile.beside(signer())) {
                staged.write(ByteBuffer.wrap(PemFiles.certificatePem(certificate).getBytes(StandardCharsets.US_ASCII)));
                staged.commit();
            }
            return setAside;
        } catch (IOException | PkiException | CertificateParsingException e) {
            throw new AuditException("the audit log's signer certificate cannot be read or written", signer(),
                    String.valueOf(e), "check the file, or move " + dir + " aside to start a new log", e);
        }
    }

    private void ensureDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            DirectoryFragmentStore.fsyncDirectory(dir.getParent());
        }
    }

    /**
     * Moves the log signed by the previous key — log, head, signer and kept torn tails — into
     * {@code replaced-<millis>/audit/}, where {@code kwam audit verify --data <that folder>} still checks it.
     */
    private Path setAside() throws IOException {
        Path folder = dir.resolve("replaced-" + System.currentTimeMillis());
        Path target = folder.resolve(DIRECTORY);
        Files.createDirectories(target);
        List<Path> moving = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."))
                    .forEach(moving::add);
        }
        for (Path file : moving) {
            Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        DirectoryFragmentStore.fsyncDirectory(target);
        DirectoryFragmentStore.fsyncDirectory(folder);
        DirectoryFragmentStore.fsyncDirectory(dir);
        return folder;
    }

    /** Where the log continues: its last record, checked against the head; a torn tail is moved aside. */
    Opened resume(FileChannel channel, PrivateKey key, X509Certificate certificate) throws AuditException {
        try {
            AuditTail tail = AuditTail.read(channel);
            Optional<AuditLine> last = tail.lastLine().isEmpty() ? Optional.empty() : Optional.of(parseLast(tail.lastLine().get(), certificate));
            long lastSeq = last.map(AuditLine::seq).orElse(0L);
            String lastHash = last.map(AuditLine::hash).orElse(AuditLine.GENESIS);
            sealHead(lastSeq, lastHash, key, certificate);
            Optional<AuditLog.TornTail> torn = Optional.empty();
            if (tail.torn()) {
                torn = Optional.of(keepTorn(channel, tail));
            }
            return new Opened(lastSeq, lastHash, tail.tornStart(), torn);
        } catch (CharacterCodingException e) {
            throw damaged("its last line is not UTF-8 text", e);
        } catch (IOException e) {
            throw new AuditException("the audit log cannot be read", log(), String.valueOf(e),
                    "check the disk; kwam audit verify --data DIR reads it without writing", e);
        }
    }

    private AuditLine parseLast(String text, X509Certificate certificate) throws AuditException {
        AuditLine line;
        try {
            line = AuditLineParser.parse(text);
        } catch (AuditLineParser.Malformed e) {
            throw damaged("its last line is not an audit record: " + e.getMessage(), e);
        }
        if (!line.signatureValid(certificate.getPublicKey())) {
            throw damaged("its last line (seq " + line.seq() + ") does not carry this node's signature", null);
        }
        return line;
    }

    /**
     * The head must not claim more than the log holds (that is a truncation, refused); a head behind the
     * log is the window between an append's fsync and the head's replacement, closed here by sealing again.
     */
    private void sealHead(long lastSeq, String lastHash, PrivateKey key, X509Certificate certificate)
            throws AuditException, IOException {
        Optional<AuditHead> head;
        try {
            head = AuditHead.read(head());
        } catch (AuditLineParser.Malformed e) {
            throw damaged(e.getMessage(), e);
        }
        if (head.isPresent()) {
            AuditHead h = head.get();
            if (!h.signatureValid(certificate.getPublicKey())) {
                throw damaged("audit.head does not carry this node's signature", null);
            }
            if (h.seq() > lastSeq) {
                throw damaged("audit.head seals seq " + h.seq() + " but the log ends at seq " + lastSeq + " (truncated)", null);
            }
            if (h.seq() == lastSeq && !h.hash().equals(lastHash)) {
                throw damaged("the last record (seq " + lastSeq + ") is not the one audit.head sealed", null);
            }
            if (h.seq() == lastSeq) {
                return;
            }
        } else if (lastSeq > 1) {
            throw damaged("audit.head is missing while the log holds " + lastSeq + " records (truncation cannot be ruled out)", null);
        } else if (lastSeq == 0) {
            return;
        }
        AuditHead.signed(lastSeq, lastHash, key).writeTo(head());
    }

    private AuditLog.TornTail keepTorn(FileChannel channel, AuditTail tail) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(tail.size() - tail.tornStart()));
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, tail.tornStart() + bytes.position()) < 0) {
                throw new IOException("the audit log shrank while it was being opened");
            }
        }
        bytes.flip();
        // A crash while appending the recovery record tears the log at the same offset again: never replace earlier evidence.
        Path kept = dir.resolve("torn-" + tail.tornStart() + ".bin");
        for (int n = 1; Files.exists(kept); n++) {
            kept = dir.resolve("torn-" + tail.tornStart() + "." + n + ".bin");
        }
        try (StagedFile staged = StagedFile.beside(kept)) {
            staged.write(bytes);
            staged.commit();
        }
        channel.truncate(tail.tornStart());
        channel.force(true);
        return new AuditLog.TornTail(tail.size() - tail.tornStart(), kept);
    }

    private AuditException damaged(String why, Throwable cause) {
        return new AuditException("the audit log is damaged; it will not be continued", log(), why,
                "run kwam audit verify --data DIR to find the first broken line; keep the evidence and move "
                        + dir + " aside to start a new log", cause);
    }

    /** The log's state once opened: the next record follows {@code lastSeq}/{@code lastHash} at offset {@code end}. */
    record Opened(long lastSeq, String lastHash, long end, Optional<AuditLog.TornTail> torn) {
    }
}
