package dev.kwam.consensus.ledger;

import dev.kwam.consensus.ledger.LedgerReply.Spent;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger's snapshot file: {@link LedgerWire#FORMAT}, a 4-byte count, then each spend as token, spender,
 * time in {@link LedgerWire}'s encodings, sorted by token so equal states give equal files. Written to a
 * temporary file, fsync'd and renamed, so a crash leaves either the old snapshot or the whole new one.
 */
final class LedgerSnapshot {
    private LedgerSnapshot() {
    }

    static void write(Path file, Collection<Spent> spends) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileOutputStream raw = new FileOutputStream(temp.toFile());
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.writeByte(LedgerWire.FORMAT);
            out.writeInt(spends.size());
            for (Spent s : spends) {
                text(out, s.tokenId());
                text(out, s.spender());
                out.writeLong(s.atMillis());
            }
            out.flush();
            raw.getFD().sync();
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true); // the rename itself must survive a power cut, not only the bytes
        }
    }

    /** The spends in {@code file}, by token; refuses a file that is not exactly one snapshot of a known format. */
    static Map<String, Spent> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        try {
            if (!in.hasRemaining() || in.get() != LedgerWire.FORMAT) {
                throw new MalformedLedgerBytes("not a ledger snapshot of format " + LedgerWire.FORMAT);
            }
            int count = in.getInt();
            if (count < 0) {
                throw new MalformedLedgerBytes("negative spend count " + count);
            }
            Map<String, Spent> spends = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                Spent s = new Spent(LedgerWire.text(in, "tokenId"), LedgerWire.text(in, "spender"), LedgerWire.time(in));
                if (spends.put(s.tokenId(), s) != null) {
                    throw new MalformedLedgerBytes("token " + s.tokenId() + " appears twice");
                }
            }
            if (in.hasRemaining()) {
                throw new MalformedLedgerBytes(in.remaining() + " bytes follow the last spend");
            }
            return spends;
        } catch (MalformedLedgerBytes | java.nio.BufferUnderflowException e) {
            throw new IOException("ledger snapshot " + file + " is corrupt (" + e.getMessage() + "); restore this "
                    + "peer's storage from another voter's", e);
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.write(bytes);
    }
}
