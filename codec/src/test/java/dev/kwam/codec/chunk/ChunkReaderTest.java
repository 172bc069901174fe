package dev.kwam.codec.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChunkReaderTest {
    private static final ChunkerParams TINY = new ChunkerParams(256, 1024, 4096);

    @Property(tries = 80)
    void streamingMatchesOneShotWhateverTheReadSizes(
            @ForAll @IntRange(max = 60_000) int length,
            @ForAll long seed,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 9000) Integer> readSizes)
            throws IOException {
        byte[] data = Inputs.randomBytes(seed, length);
        List<Integer> streamed = new ArrayList<>();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        byte[] chunk = new byte[TINY.max()];
        try (ChunkReader reader = new ChunkReader(new ShortReads(data, readSizes), TINY)) {
            for (int n; (n = reader.next(chunk)) >= 0; ) {
                streamed.add(n);
                joined.write(chunk, 0, n);
            }
        }
        assertEquals(Inputs.chunkLengths(data, TINY), streamed);
        assertArrayEquals(data, joined.toByteArray());
    }

    @Test
    void emptyStreamHasNoChunks() throws IOException {
        try (ChunkReader reader = new ChunkReader(new ByteArrayInputStream(new byte[0]), TINY)) {
            assertEquals(-1, reader.next(new byte[TINY.max()]));
            assertEquals(-1, reader.next(new byte[TINY.max()]));
        }
    }

    @Test
    void streamShorterThanMinIsOneChunk() throws IOException {
        byte[] data = Inputs.randomBytes(3, 200);
        byte[] chunk = new byte[TINY.max()];
        try (ChunkReader reader = new ChunkReader(new ByteArrayInputStream(data), TINY)) {
            assertEquals(200, reader.next(chunk));
            assertEquals(-1, reader.next(chunk));
        }
        assertArrayEquals(data, java.util.Arrays.copyOf(chunk, 200));
    }

    @Test
    void refusesADestinationShorterThanMax() throws IOException {
        try (ChunkReader reader = new ChunkReader(new ByteArrayInputStream(new byte[10]), TINY)) {
            var e = assertThrows(IllegalArgumentException.class, () -> reader.next(new byte[4095]));
            assertTrue(e.getMessage().contains("up to 4096"), e.getMessage());
        }
    }

    @Test
    void closingClosesTheStreamAndRefusesFurtherReads() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[10]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ChunkReader reader = new ChunkReader(in, TINY);
        reader.close();
        assertTrue(closed[0]);
        assertThrows(IOException.class, () -> reader.next(new byte[TINY.max()]));
    }

    /** Hands out at most the next of the given sizes per read, cycling, like a slow socket. */
    private static final class ShortReads extends InputStream {
        private final byte[] data;
        private final List<Integer> sizes;
        private int pos;
        private int turn;

        ShortReads(byte[] data, List<Integer> sizes) {
            this.data = data;
            this.sizes = sizes;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, sizes.get(turn++ % sizes.size())), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
