package dev.kwam.codec.fragment;

/** Bytes that do not parse as a fragment: bad magic, unsupported version, inconsistent fields. */
public final class FragmentFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public FragmentFormatException(String message) {
        super(message);
    }
}
