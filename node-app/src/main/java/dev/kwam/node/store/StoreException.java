package dev.kwam.node.store;

import java.io.IOException;

/**
 * Carries a {@link StoreError} across the {@link dev.kwam.codec.FragmentSink}/{@link
 * dev.kwam.codec.FragmentSource} boundary, whose methods may only throw {@code IOException}.
 */
public class StoreException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient StoreError error;

    public StoreException(StoreError error, Throwable cause) {
        super(error.describe(), cause);
        this.error = error;
    }

    public StoreException(StoreError error) {
        this(error, null);
    }

    public StoreError error() {
        return error;
    }

    public StoreError.Code code() {
        return error.code();
    }
}
