package dev.kwam.codec.chunk;

import java.util.Objects;

/**
 * FastCDC content-defined chunking (Xia et al., "FastCDC: a Fast and Efficient Content-Defined
 * Chunking Approach for Data Deduplication", USENIX ATC 2016, and the 2020 TPDS version).
 *
 * <p>A gear hash {@code fp = (fp << 1) + GEAR[b]} rolls over the bytes of a chunk; a cut falls
 * after the first byte whose hash has all bits of the current mask clear. Three rules from the
 * paper bound the sizes:
 * <ul>
 *   <li>cut-point skipping: the first {@code min} bytes are neither hashed nor eligible;
 *   <li>normalised chunking: up to {@code avg} bytes the strict mask (log2(avg) + 2 bits) applies,
 *       afterwards the loose one (log2(avg) − 2 bits), which narrows the size distribution;
 *   <li>a hard cut at {@code max} bytes.
 * </ul>
 * Because the hash only shifts left, a cut depends on the 64 bytes before it and on its distance
 * from the chunk start; an edit therefore disturbs the chunks around it and boundaries fall back
 * into step soon after.
 */
public final class FastCdc {

    private FastCdc() {
    }

    /**
     * The length of the chunk that starts at {@code buf[off]}, looking at no more than
     * {@code len} bytes. When fewer than {@code max} bytes remain, the caller must pass all that
     * is left of the stream: the answer for a truncated window is only final at end of input.
     *
     * @return a length in {@code [min, max]}, or {@code len} itself when {@code len <= min}
     */
    public static int cutPoint(byte[] buf, int off, int len, ChunkerParams params) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len <= params.min()) {
            return len;
        }
        int end = off + Math.min(len, params.max());
        int normalEnd = off + Math.min(len, params.avg());
        int cut = scan(buf, off + params.min(), normalEnd, 0L, params.strictMask());
        if (cut >= 0) {
            return cut - off;
        }
        long fp = rehash(buf, off + params.min(), normalEnd);
        cut = scan(buf, normalEnd, end, fp, params.looseMask());
        return (cut >= 0 ? cut : end) - off;
    }

    /**
     * Rolls the gear hash over {@code buf[from, to)} starting from {@code fp}.
     *
     * @return the index just after the first byte whose hash clears {@code mask}, or -1
     */
    private static int scan(byte[] buf, int from, int to, long fp, long mask) {
        long[] gear = GearTable.GEAR;
        for (int i = from; i < to; i++) {
            fp = (fp << 1) + gear[buf[i] & 0xff];
            if ((fp & mask) == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /*
     * The hash at the end of the strict region, recomputed rather than returned from scan so the
     * hot loop stays a single long-valued recurrence; only the last 64 bytes can affect it.
     */
    private static long rehash(byte[] buf, int from, int to) {
        long[] gear = GearTable.GEAR;
        long fp = 0L;
        for (int i = Math.max(from, to - Long.SIZE); i < to; i++) {
            fp = (fp << 1) + gear[buf[i] & 0xff];
        }
        return fp;
    }
}
