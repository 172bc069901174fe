package dev.kwam.consensus;

import dev.kwam.actors.error.KwamError;
import dev.kwam.actors.error.KwamException;

/** A refusal or failure of the consensus group or its client, carrying the one error shape. */
public final class ConsensusException extends KwamException {
    private static final long serialVersionUID = 1L;

    public ConsensusException(KwamError error) {
        super(error, null);
    }

    public ConsensusException(KwamError error, Throwable cause) {
        super(error, cause);
    }
}
