package dev.kwam.codec.lrc;

import dev.kwam.codec.gf.Galois;
import dev.kwam.codec.gf.Matrix;

/**
 * The generator matrix of an LRC stripe: row s gives shard s as a combination of the k data shards.
 * The coefficients are part of the stored format: parity written with them must decode forever.
 *
 * <p><b>Local parities</b> are the XOR (all coefficients 1) of their group, as in Azure
 * (Huang et al., USENIX ATC 2012), so one lost shard is rebuilt from its group by XOR alone.
 *
 * <p><b>Global parities</b> are a Cauchy matrix: global j's coefficient for data i is
 * {@code 1 / (x_i + y_j)} with the k + r points distinct, {@code x_i = 2^(i+1)} for the data,
 * {@code y_0 = 0} and {@code y_j = 2^(k+j)} for the other globals (2 generates GF(2^8)'s 255 non-zero
 * elements, and k + r ≤ 255). Chosen over Azure's {@code α_i^j} because it can be proved, for every
 * shape, that any r + 1 losses are recoverable; Azure's powers lose that for r ≥ 3, since
 * generalised Vandermonde minors can vanish. The proof: a Cauchy matrix with a row of ones on top
 * is superregular (every square submatrix is invertible; the ones row is the Cauchy row at
 * infinity). Given at most r + 1 losses,
 * <ul>
 *   <li>if every group that lost data kept its local parity, the sum of those local equations is
 *       the ones row over the lost data, and with the surviving globals that is a square-or-taller
 *       submatrix of [1; C] with at least as many rows as unknowns;
 *   <li>if some group with lost data also lost its local parity, at most r − (globals lost) data
 *       shards are missing, and the surviving globals alone form a tall Cauchy submatrix.
 * </ul>
 * Beyond r + 1 losses no code with this support rebuilds a pattern in which the data lost outside
 * what each intact local parity covers exceeds the surviving globals; a maximally recoverable code
 * rebuilds every other pattern. GF(2^8) admits no construction known to do so for all shapes; the
 * points above were picked among simple families as the one that does for lrc(4,2,1), (6,2,2),
 * (8,2,2), (10,2,2), (12,2,2), (9,3,2), (6,3,3) and (12,4,2), which {@code MaximalRecoverabilityTest}
 * verifies exhaustively. For other shapes a few such patterns of r + 2 or more losses are refused
 * (2 of the 2,268 patterns within that bound for lrc(8,2,3), 11 of 14,473 for
 * lrc(10,2,4)); {@code isRecoverable} reports them exactly.
 */
final class LrcGenerator {

    private LrcGenerator() {
    }

    static Matrix of(ShardLayout layout) {
        int k = layout.data();
        byte[][] rows = new byte[layout.total()][k];
        for (int i = 0; i < k; i++) {
            rows[i][i] = 1;
            rows[layout.localParity(layout.groupOf(i))][i] = 1;
        }
        for (int j = 0; j < layout.globals(); j++) {
            byte y = j == 0 ? 0 : power(k + j);
            for (int i = 0; i < k; i++) {
                rows[layout.globalParity(j)][i] = Galois.inverse((byte) (power(i + 1) ^ y));
            }
        }
        return Matrix.of(rows);
    }

    private static byte power(int exponent) {
        return Galois.exp((byte) 2, exponent);
    }
}
