package dev.kwam.dsl.lex;

import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.identity.SpiffeIdError;
import java.util.Optional;

/**
 * Why a piece of text is not a valid literal, with the offending part as offsets relative to the
 * start of that text, so the caller can point a caret at the exact segment, octet or character.
 */
public record Rejection(ParseCode code, int from, int to, String message, Optional<String> hint) {

    static Rejection of(ParseCode code, int from, int to, String message, String hint) {
        return new Rejection(code, from, Math.max(from, to), message, Optional.ofNullable(hint));
    }

    /**
     * A SPIFFE ID or grant pattern refused by {@code dev.kwam.dsl.identity}, the one SPIFFE grammar of
     * KWAM (the PKI checks certificates with it too). A misplaced {@code *} is KW-P012, the rest KW-P011.
     */
    public static Rejection of(SpiffeIdError error) {
        ParseCode code = switch (error.code()) {
            case WILDCARD_NOT_ALLOWED, PARTIAL_WILDCARD -> ParseCode.WILDCARD_NOT_ALLOWED;
            default -> ParseCode.BAD_SPIFFE_ID;
        };
        return of(code, error.partStart(), error.partEnd(), error.reason(), error.hint());
    }
}
