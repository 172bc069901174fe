package dev.kwam.codec.gf;

/** A GF(2^8) matrix has no inverse: some row is a combination of the others. */
public final class SingularMatrixException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public SingularMatrixException(String message) {
        super(message);
    }
}
