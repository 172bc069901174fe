package dev.kwam.codec.gf;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.OR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Nibble-table multiply: c * x = low[c][x & 0xF] ^ high[c][x >>> 4], each table a 16-entry lane
 * shuffle (VPERMB on AVX-512 VBMI). Outputs are produced four at a time with accumulators held in
 * registers, each input vector is split into nibbles once per group, and every output byte is
 * stored once per block. Bytes past the last whole vector go through the scalar loop.
 */
final class VectorCoder implements GfCoder {

    private static final VectorSpecies<Byte> SPECIES = VectorGfKernels.SPECIES;
    private static final int LANES = SPECIES.length();

    private final int[] inputShards;
    private final int[] outputShards;
    private final int blockBytes;
    /**
     * For input i and output j, the low-nibble table at ((i * outputs + j) * 2) * LANES and the
     * high-nibble table right after it, each 16 entries repeated to fill a vector.
     */
    private final byte[] tables;
    private final ScalarGfKernels.ScalarCoder tail;

    VectorCoder(CodingShape shape) {
        this.inputShards = shape.inputShards();
        this.outputShards = shape.outputShards();
        this.blockBytes = shape.blockBytes(LANES);
        this.tables = nibbleTables(shape.coefficients(), inputShards.length, outputShards.length);
        this.tail = new ScalarGfKernels.ScalarCoder(shape);
    }

    private static byte[] nibbleTables(byte[][] coefficients, int inputs, int outputs) {
        byte[] tables = new byte[inputs * outputs * 2 * LANES];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < outputs; j++) {
                byte[] times = Galois.MULTIPLICATION_TABLE[coefficients[j][i] & 0xFF];
                int base = (i * outputs + j) * 2 * LANES;
                for (int lane = 0; lane < LANES; lane++) {
                    int x = lane & 0x0F;
                    tables[base + lane] = times[x];
                    tables[base + LANES + lane] = times[x << 4];
                }
            }
        }
        return tables;
    }

    @Override
    public int inputCount() {
        return inputShards.length;
    }

    @Override
    public int outputCount() {
        return outputShards.length;
    }

    @Override
    public void code(byte[][] shards, int offset, int byteCount) {
        int end = offset + byteCount;
        int vectorEnd = offset + byteCount / LANES * LANES;
        int outputs = outputShards.length;
        for (int from = offset; from < vectorEnd; from += blockBytes) {
            int to = Math.min(vectorEnd, from + blockBytes);
            int j = 0;
            for (; j + 4 <= outputs; j += 4) {
                code4(shards, j, from, to);
            }
            for (; j < outputs; j++) {
                code1(shards, j, from, to);
            }
        }
        if (vectorEnd < end) {
            tail.codeRange(shards, vectorEnd, end);
        }
    }

    private void code4(byte[][] shards, int j, int from, int to) {
        byte[] out0 = shards[outputShards[j]];
        byte[] out1 = shards[outputShards[j + 1]];
        byte[] out2 = shards[outputShards[j + 2]];
        byte[] out3 = shards[outputShards[j + 3]];
        int inputs = inputShards.length;
        int stride = outputShards.length * 2 * LANES;
        for (int pos = from; pos < to; pos += LANES) {
            ByteVector acc0 = ByteVector.zero(SPECIES);
            ByteVector acc1 = acc0;
            ByteVector acc2 = acc0;
            ByteVector acc3 = acc0;
            int t = j * 2 * LANES;
            for (int i = 0; i < inputs; i++, t += stride) {
                ByteVector in = ByteVector.fromArray(SPECIES, shards[inputShards[i]], pos);
                VectorShuffle<Byte> lo = in.and((byte) 0x0F).toShuffle();
                VectorShuffle<Byte> hi = in.lanewise(LSHR, 4).and((byte) 0x0F).toShuffle();
                acc0 = acc0.lanewise(XOR, product(t, lo, hi));
                acc1 = acc1.lanewise(XOR, product(t + 2 * LANES, lo, hi));
                acc2 = acc2.lanewise(XOR, product(t + 4 * LANES, lo, hi));
                acc3 = acc3.lanewise(XOR, product(t + 6 * LANES, lo, hi));
            }
            acc0.intoArray(out0, pos);
            acc1.intoArray(out1, pos);
            acc2.intoArray(out2, pos);
            acc3.intoArray(out3, pos);
        }
    }

    private void code1(byte[][] shards, int j, int from, int to) {
        byte[] out0 = shards[outputShards[j]];
        int inputs = inputShards.length;
        int stride = outputShards.length * 2 * LANES;
        for (int pos = from; pos < to; pos += LANES) {
            ByteVector acc0 = ByteVector.zero(SPECIES);
            int t = j * 2 * LANES;
            for (int i = 0; i < inputs; i++, t += stride) {
                ByteVector in = ByteVector.fromArray(SPECIES, shards[inputShards[i]], pos);
                VectorShuffle<Byte> lo = in.and((byte) 0x0F).toShuffle();
                VectorShuffle<Byte> hi = in.lanewise(LSHR, 4).and((byte) 0x0F).toShuffle();
                acc0 = acc0.lanewise(XOR, product(t, lo, hi));
            }
            acc0.intoArray(out0, pos);
        }
    }

    private ByteVector product(int table, VectorShuffle<Byte> lo, VectorShuffle<Byte> hi) {
        return ByteVector.fromArray(SPECIES, tables, table).rearrange(lo)
                .lanewise(XOR, ByteVector.fromArray(SPECIES, tables, table + LANES).rearrange(hi));
    }

    @Override
    public boolean check(byte[][] shards, int offset, int byteCount) {
        int end = offset + byteCount;
        int vectorEnd = offset + byteCount / LANES * LANES;
        int inputs = inputShards.length;
        int stride = outputShards.length * 2 * LANES;
        for (int from = offset; from < vectorEnd; from += blockBytes) {
            int to = Math.min(vectorEnd, from + blockBytes);
            for (int j = 0; j < outputShards.length; j++) {
                byte[] out = shards[outputShards[j]];
                ByteVector diff = ByteVector.zero(SPECIES);
                for (int pos = from; pos < to; pos += LANES) {
                    ByteVector acc = ByteVector.fromArray(SPECIES, out, pos);
                    int t = j * 2 * LANES;
                    for (int i = 0; i < inputs; i++, t += stride) {
                        ByteVector in = ByteVector.fromArray(SPECIES, shards[inputShards[i]], pos);
                        VectorShuffle<Byte> lo = in.and((byte) 0x0F).toShuffle();
                        VectorShuffle<Byte> hi = in.lanewise(LSHR, 4).and((byte) 0x0F).toShuffle();
                        acc = acc.lanewise(XOR, product(t, lo, hi));
                    }
                    diff = diff.or(acc);
                }
                if (diff.reduceLanes(OR) != 0) {
                    return false;
                }
            }
        }
        return vectorEnd == end || tail.checkRange(shards, vectorEnd, end);
    }
}
