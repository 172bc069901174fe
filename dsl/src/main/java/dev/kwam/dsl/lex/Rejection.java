package dev.kwam.dsl.lex;

import dev.kwam.dsl.diag.ParseCode;
import java.util.Optional;

/**
 * Why a piece of text is not a valid literal, with the offending part as offsets relative to the
 * start of that text, so the caller can point a caret at the exact segment, octet or character.
 */
public record Rejection(ParseCode code, int from, int to, String message, Optional<String> hint) {

    static Rejection of(ParseCode code, int from, int to, String message, String hint) {
        return new Rejection(code, from, Math.max(from, to), message, Optional.ofNullable(hint));
    }
}
