package dev.kwam.codec.gf;

/** The validated, copied index maps and coefficients shared by both coder implementations. */
record CodingShape(byte[][] coefficients, int[] inputShards, int[] outputShards) {

    static CodingShape of(Matrix matrix, int[] inputShards, int[] outputShards) {
        if (matrix.columns() != inputShards.length) {
            throw new IllegalArgumentException("the matrix has " + matrix.columns() + " columns but "
                    + inputShards.length + " input shards were named");
        }
        if (matrix.rows() != outputShards.length) {
            throw new IllegalArgumentException("the matrix has " + matrix.rows() + " rows but "
                    + outputShards.length + " output shards were named");
        }
        for (int out : outputShards) {
            for (int in : inputShards) {
                if (in == out) {
                    throw new IllegalArgumentException("shard " + out + " is both an input and an output");
                }
            }
        }
        return new CodingShape(matrix.toArray(), inputShards.clone(), outputShards.clone());
    }

    /**
     * Bytes of each shard coded per block: inputs are re-read once per group of outputs, so a block
     * of every input should stay in L2 (256 KiB here) while all outputs are produced.
     */
    int blockBytes(int vectorBytes) {
        int perInput = Math.max(1024, Math.min(16 * 1024, 256 * 1024 / inputShards.length));
        return perInput / vectorBytes * vectorBytes;
    }
}
