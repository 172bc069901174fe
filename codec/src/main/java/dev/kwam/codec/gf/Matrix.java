package dev.kwam.codec.gf;

import java.util.Arrays;

/**
 * An immutable matrix over GF(2^8), as Backblaze's {@code Matrix} builds and inverts them: the
 * Reed–Solomon and LRC encoding matrices, and the decode matrices derived from them.
 */
public final class Matrix {

    private final int rows;
    private final int columns;
    private final byte[][] data;

    private Matrix(byte[][] data, int columns) {
        this.rows = data.length;
        this.columns = columns;
        this.data = data;
    }

    /** A matrix holding a copy of {@code rows}, which must all have the same non-zero length. */
    public static Matrix of(byte[][] rows) {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column");
        }
        int columns = rows[0].length;
        byte[][] copy = new byte[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length
                        + " columns, row 0 has " + columns);
            }
            copy[r] = rows[r].clone();
        }
        return new Matrix(copy, columns);
    }

    public static Matrix identity(int size) {
        byte[][] data = zeros(size, size);
        for (int i = 0; i < size; i++) {
            data[i][i] = 1;
        }
        return new Matrix(data, size);
    }

    /**
     * entry(r, c) = r^c in GF(2^8). Any {@code cols} of its rows are linearly independent as long as
     * {@code rows <= 256}, which is what makes every k-subset of an RS stripe decodable.
     */
    public static Matrix vandermonde(int rows, int cols) {
        if (rows > Galois.FIELD_SIZE) {
            throw new IllegalArgumentException("a GF(2^8) Vandermonde matrix has at most 256 distinct rows, asked for "
                    + rows);
        }
        byte[][] data = zeros(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                data[r][c] = Galois.exp((byte) r, c);
            }
        }
        return new Matrix(data, cols);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public byte get(int row, int column) {
        return data[row][column];
    }

    /** A copy of one row. */
    public byte[] row(int row) {
        return data[row].clone();
    }

    /** A copy of every row. */
    public byte[][] toArray() {
        byte[][] copy = new byte[rows][];
        for (int r = 0; r < rows; r++) {
            copy[r] = data[r].clone();
        }
        return copy;
    }

    public Matrix times(Matrix right) {
        if (columns != right.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + right.shape()
                    + ": columns of the left must equal rows of the right");
        }
        byte[][] product = zeros(rows, right.columns);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < right.columns; c++) {
                int sum = 0;
                for (int i = 0; i < columns; i++) {
                    sum ^= Galois.multiply(data[r][i], right.data[i][c]);
                }
                product[r][c] = (byte) sum;
            }
        }
        return new Matrix(product, right.columns);
    }

    /** This matrix with {@code right}'s columns appended. */
    public Matrix augment(Matrix right) {
        if (rows != right.rows) {
            throw new IllegalArgumentException("cannot augment " + shape() + " with " + right.shape()
                    + ": row counts differ");
        }
        byte[][] joined = new byte[rows][columns + right.columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data[r], 0, joined[r], 0, columns);
            System.arraycopy(right.data[r], 0, joined[r], columns, right.columns);
        }
        return new Matrix(joined, columns + right.columns);
    }

    /** Rows [rmin, rmax) and columns [cmin, cmax), as Backblaze's {@code submatrix}. */
    public Matrix submatrix(int rmin, int cmin, int rmax, int cmax) {
        if (rmin < 0 || rmin >= rmax || rmax > rows || cmin < 0 || cmin >= cmax || cmax > columns) {
            throw new IllegalArgumentException("submatrix rows [" + rmin + "," + rmax + ") columns [" + cmin + ","
                    + cmax + ") is empty or outside " + shape());
        }
        byte[][] part = new byte[rmax - rmin][];
        for (int r = rmin; r < rmax; r++) {
            part[r - rmin] = Arrays.copyOfRange(data[r], cmin, cmax);
        }
        return new Matrix(part, cmax - cmin);
    }

    /** The matrix made of the given rows, in the given order. */
    public Matrix selectRows(int[] rowIndexes) {
        byte[][] picked = new byte[rowIndexes.length][];
        for (int i = 0; i < rowIndexes.length; i++) {
            picked[i] = data[rowIndexes[i]].clone();
        }
        return new Matrix(picked, columns);
    }

    /**
     * The inverse by Gauss–Jordan elimination on [this | I].
     *
     * @throws SingularMatrixException when the matrix is not invertible
     */
    public Matrix invert() {
        if (rows != columns) {
            throw new IllegalArgumentException("only square matrices have an inverse, this one is " + shape());
        }
        byte[][] work = augment(identity(rows)).data;
        int width = 2 * columns;
        for (int r = 0; r < rows; r++) {
            if (work[r][r] == 0) {
                int below = r + 1;
                while (below < rows && work[below][r] == 0) {
                    below++;
                }
                if (below == rows) {
                    throw new SingularMatrixException("the " + shape() + " matrix is singular: column " + r
                            + " has no non-zero pivot at or below row " + r);
                }
                byte[] swap = work[r];
                work[r] = work[below];
                work[below] = swap;
            }
            byte scale = Galois.inverse(work[r][r]);
            if (scale != 1) {
                byte[] scaleRow = Galois.MULTIPLICATION_TABLE[scale & 0xFF];
                for (int c = 0; c < width; c++) {
                    work[r][c] = scaleRow[work[r][c] & 0xFF];
                }
            }
            for (int other = 0; other < rows; other++) {
                byte factor = work[other][r];
                if (other != r && factor != 0) {
                    byte[] factorRow = Galois.MULTIPLICATION_TABLE[factor & 0xFF];
                    for (int c = 0; c < width; c++) {
                        work[other][c] ^= factorRow[work[r][c] & 0xFF];
                    }
                }
            }
        }
        return new Matrix(work, width).submatrix(0, columns, rows, width);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Matrix that && columns == that.columns && Arrays.deepEquals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(shape()).append('[');
        for (int r = 0; r < rows; r++) {
            text.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < columns; c++) {
                text.append(c == 0 ? "" : " ").append(String.format("%02x", data[r][c] & 0xFF));
            }
            text.append(']');
        }
        return text.append(']').toString();
    }

    private String shape() {
        return rows + "x" + columns;
    }

    private static byte[][] zeros(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column, asked for "
                    + rows + "x" + cols);
        }
        return new byte[rows][cols];
    }
}
