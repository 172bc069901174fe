package dev.kwam.codec.gf;

/**
 * GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator 2: the field and tables of
 * Backblaze's JavaReedSolomon, so that parity computed here is byte-identical to theirs.
 *
 * <p>Bytes are elements of the field; Java's signed {@code byte} is only a container, every lookup masks
 * with {@code 0xFF}. The tables are public for the coding loops (as in Backblaze) and are never written
 * after class initialisation: callers must treat them as read-only.
 */
public final class Galois {

    public static final int FIELD_SIZE = 256;

    /** 0x11D without the x^8 term: what is XORed in when a doubling overflows 8 bits. */
    public static final int GENERATING_POLYNOMIAL = 0x1D;

    /** LOG_TABLE[a] = n such that 2^n = a, for a in 1..255; LOG_TABLE[0] is -1 and never read. */
    public static final short[] LOG_TABLE = generateLogTable();

    /**
     * EXP_TABLE[n] = 2^n for n in 0..509: the 255-periodic sequence written twice so that the sum of two
     * logs indexes it without a modulo.
     */
    public static final byte[] EXP_TABLE = generateExpTable();

    /** MULTIPLICATION_TABLE[a][b] = a * b; 64 KiB, the inner table of the scalar coding loop. */
    public static final byte[][] MULTIPLICATION_TABLE = generateMultiplicationTable();

    private Galois() {
    }

    public static byte add(byte a, byte b) {
        return (byte) (a ^ b);
    }

    public static byte subtract(byte a, byte b) {
        return (byte) (a ^ b);
    }

    public static byte multiply(byte a, byte b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return EXP_TABLE[LOG_TABLE[a & 0xFF] + LOG_TABLE[b & 0xFF]];
    }

    public static byte divide(byte a, byte b) {
        if (b == 0) {
            throw new ArithmeticException("GF(2^8) division by zero");
        }
        if (a == 0) {
            return 0;
        }
        int log = LOG_TABLE[a & 0xFF] - LOG_TABLE[b & 0xFF];
        return EXP_TABLE[log < 0 ? log + 255 : log];
    }

    /** The multiplicative inverse of a non-zero element. */
    public static byte inverse(byte a) {
        return divide((byte) 1, a);
    }

    /** a raised to the n-th power (n >= 0); 0^0 is 1, as in Backblaze's Vandermonde matrix. */
    public static byte exp(byte a, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("GF(2^8) exponent must be non-negative, got " + n);
        }
        if (n == 0) {
            return 1;
        }
        if (a == 0) {
            return 0;
        }
        return EXP_TABLE[(int) ((long) LOG_TABLE[a & 0xFF] * n % 255)];
    }

    private static short[] generateLogTable() {
        short[] log = new short[FIELD_SIZE];
        log[0] = -1;
        int b = 1;
        for (int n = 0; n < FIELD_SIZE - 1; n++) {
            if (log[b] != 0) {
                throw new IllegalStateException("0x11D is not primitive: 2^" + n + " repeats " + b);
            }
            log[b] = (short) n;
            b <<= 1;
            if (b >= FIELD_SIZE) {
                b = (b - FIELD_SIZE) ^ GENERATING_POLYNOMIAL;
            }
        }
        return log;
    }

    private static byte[] generateExpTable() {
        byte[] exp = new byte[FIELD_SIZE * 2 - 2];
        for (int a = 1; a < FIELD_SIZE; a++) {
            int log = LOG_TABLE[a];
            exp[log] = (byte) a;
            exp[log + FIELD_SIZE - 1] = (byte) a;
        }
        return exp;
    }

    private static byte[][] generateMultiplicationTable() {
        byte[][] table = new byte[FIELD_SIZE][FIELD_SIZE];
        for (int a = 0; a < FIELD_SIZE; a++) {
            for (int b = 0; b < FIELD_SIZE; b++) {
                table[a][b] = multiply((byte) a, (byte) b);
            }
        }
        return table;
    }
}
