package dev.kwam.consensus.journal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The group's snapshot file: {@link JournalWire#FORMAT}, then {@link JournalState#writeTo}. Written to a
 * temporary file, fsync'd and renamed (the directory fsync'd too), so a crash leaves either the old snapshot
 * or the whole new one.
 */
final class JournalSnapshotFile {
    private JournalSnapshotFile() {
    }

    static void write(Path file, byte[] state) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileOutputStream raw = new FileOutputStream(temp.toFile());
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.writeByte(JournalWire.FORMAT);
            out.write(state);
            out.flush();
            raw.getFD().sync();
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true); // the rename itself must survive a power cut, not only the bytes
        }
    }

    /** Refuses a file that is not exactly one snapshot of a known format. */
    static JournalState read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(raw)) {
            if (in.readByte() != JournalWire.FORMAT) {
                throw new MalformedJournalBytes("not a journal snapshot of format " + JournalWire.FORMAT);
            }
            JournalState state = JournalState.readFrom(in);
            if (in.read() != -1) {
                throw new MalformedJournalBytes("bytes follow the last snapshot entry");
            }
            return state;
        } catch (IOException e) {
            throw new IOException("journal snapshot " + file + " is unreadable (" + e.getMessage() + "); restore this "
                    + "peer's storage from another voter's", e);
        }
    }
}
