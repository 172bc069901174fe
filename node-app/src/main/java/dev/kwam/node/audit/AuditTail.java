package dev.kwam.node.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The end of the log as {@link AuditLog#open} needs it, read backwards so that opening costs the last
 * line, not the whole file: the last complete line, and where the bytes after it (a torn write) begin.
 *
 * @param lastLine  the last newline-terminated line, without its newline; empty for an empty log
 * @param tornStart the offset just past the last newline; equal to the file's size when nothing is torn
 */
record AuditTail(Optional<String> lastLine, long tornStart, long size) {
    private static final int CHUNK = 8192;

    boolean torn() {
        return tornStart < size;
    }

    static AuditTail read(FileChannel ch) throws IOException {
        long size = ch.size();
        long lastNewline = lastNewlineBefore(ch, size);
        if (lastNewline < 0) {
            return new AuditTail(Optional.empty(), 0, size);
        }
        long start = lastNewlineBefore(ch, lastNewline) + 1;
        ByteBuffer line = ByteBuffer.allocate(Math.toIntExact(lastNewline - start));
        while (line.hasRemaining()) {
            if (ch.read(line, start + line.position()) < 0) {
                throw new IOException("the audit log shrank while it was being opened");
            }
        }
        line.flip();
        return new AuditTail(Optional.of(decode(line)), lastNewline + 1, size);
    }

    /** UTF-8, refusing malformed bytes: a line that is not text is damage, not something to repair by guessing. */
    static String decode(ByteBuffer bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes).toString();
    }

    /** The offset of the last '\n' before {@code end}, or -1. */
    private static long lastNewlineBefore(FileChannel ch, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        for (long chunkEnd = end; chunkEnd > 0; chunkEnd -= CHUNK) {
            long chunkStart = Math.max(0, chunkEnd - CHUNK);
            buf.clear().limit((int) (chunkEnd - chunkStart));
            while (buf.hasRemaining()) {
                if (ch.read(buf, chunkStart + buf.position()) < 0) {
                    throw new IOException("the audit log shrank while it was being opened");
                }
            }
            for (int i = buf.limit() - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return chunkStart + i;
                }
            }
        }
        return -1;
    }
}
