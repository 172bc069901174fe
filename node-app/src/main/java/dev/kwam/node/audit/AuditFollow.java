package dev.kwam.node.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The audit log as a stream of complete lines for {@code kwam audit tail}: the last {@code last}
 * records, then, when following, each line appended after them, read from the file every
 * {@code poll}. Reads only what the writer finished (up to the last newline), so a record being
 * written is never sent half.
 */
public final class AuditFollow {
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private long offset;
    private final ByteArrayTail partial = new ByteArrayTail();

    private AuditFollow(Path file) {
        this.file = file;
    }

    /** The stream; fails with the I/O error when the log cannot be read. */
    public static Source<String, NotUsed> lines(Path file, int last, boolean follow, Duration poll) {
        return Source.lazySource(() -> {
            AuditFollow reader = new AuditFollow(file);
            Source<String, NotUsed> first = Source.from(reader.lastLines(last));
            if (!follow) {
                return first;
            }
            return first.concat(Source.tick(poll, poll, NotUsed.getInstance()).mapConcat(tick -> reader.newLines()));
        }).mapMaterializedValue(f -> NotUsed.getInstance());
    }

    /** Reads the whole file once, keeping the last {@code last} complete lines; leaves the offset at its end. */
    private List<String> lastLines(int last) {
        Deque<String> kept = new ArrayDeque<>();
        for (String line : newLines()) {
            if (last > 0) {
                kept.addLast(line);
                if (kept.size() > last) {
                    kept.removeFirst();
                }
            }
        }
        return new ArrayList<>(kept);
    }

    private List<String> newLines() {
        List<String> lines = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            while (ch.read(buf, offset) > 0) {
                buf.flip();
                offset += buf.remaining();
                partial.append(buf, lines);
                buf.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the audit log " + file + " cannot be read", e);
        }
        return lines;
    }

    /** Bytes after the last newline seen: the start of a line still being written. */
    private static final class ByteArrayTail {
        private byte[] bytes = new byte[0];

        void append(ByteBuffer buf, List<String> complete) {
            byte[] all = new byte[bytes.length + buf.remaining()];
            System.arraycopy(bytes, 0, all, 0, bytes.length);
            buf.get(all, bytes.length, all.length - bytes.length);
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    complete.add(new String(all, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            bytes = java.util.Arrays.copyOfRange(all, start, all.length);
        }
    }
}
