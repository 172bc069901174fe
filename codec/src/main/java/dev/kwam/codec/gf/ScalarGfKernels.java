package dev.kwam.codec.gf;

/**
 * Table-driven byte loops over {@link Galois#MULTIPLICATION_TABLE}: Backblaze's fastest pure-Java
 * order ("InputOutputByteTable": inputs outer, outputs middle, bytes inner), in cache-sized blocks.
 */
public final class ScalarGfKernels implements GfKernels {

    public static final ScalarGfKernels INSTANCE = new ScalarGfKernels();

    private ScalarGfKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public GfCoder coder(Matrix matrix, int[] inputShards, int[] outputShards) {
        return new ScalarCoder(CodingShape.of(matrix, inputShards, outputShards));
    }

    static final class ScalarCoder implements GfCoder {
        private final byte[][] coefficients;
        private final int[] inputShards;
        private final int[] outputShards;
        private final int blockBytes;

        ScalarCoder(CodingShape shape) {
            this.coefficients = shape.coefficients();
            this.inputShards = shape.inputShards();
            this.outputShards = shape.outputShards();
            this.blockBytes = shape.blockBytes(64);
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
            for (int from = offset; from < end; from += blockBytes) {
                codeRange(shards, from, Math.min(end, from + blockBytes));
            }
        }

        /** Codes [from, to) of every output; also the vector coder's tail. */
        void codeRange(byte[][] shards, int from, int to) {
            byte[][] table = Galois.MULTIPLICATION_TABLE;
            for (int i = 0; i < inputShards.length; i++) {
                byte[] in = shards[inputShards[i]];
                for (int j = 0; j < outputShards.length; j++) {
                    byte[] out = shards[outputShards[j]];
                    byte[] times = table[coefficients[j][i] & 0xFF];
                    if (i == 0) {
                        for (int b = from; b < to; b++) {
                            out[b] = times[in[b] & 0xFF];
                        }
                    } else {
                        for (int b = from; b < to; b++) {
                            out[b] ^= times[in[b] & 0xFF];
                        }
                    }
                }
            }
        }

        @Override
        public boolean check(byte[][] shards, int offset, int byteCount) {
            return checkRange(shards, offset, offset + byteCount);
        }

        /**
         * Byte-outer order: slower than {@link #codeRange} but needs no scratch buffer, and stops at the
         * first wrong byte. Also the vector coder's tail.
         */
        boolean checkRange(byte[][] shards, int from, int to) {
            byte[][] table = Galois.MULTIPLICATION_TABLE;
            for (int j = 0; j < outputShards.length; j++) {
                byte[] out = shards[outputShards[j]];
                byte[] row = coefficients[j];
                for (int b = from; b < to; b++) {
                    int value = 0;
                    for (int i = 0; i < inputShards.length; i++) {
                        value ^= table[row[i] & 0xFF][shards[inputShards[i]][b] & 0xFF];
                    }
                    if ((byte) value != out[b]) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
