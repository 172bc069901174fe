package dev.kwam.actors.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A refusal or failure as every KWAM module reports it: a stable {@code code} callers branch on (never
 * the text), {@code what} failed, {@code where} (a file, an address, a request — when there is one),
 * {@code why}, and the {@code fix}. The CLI prints it as what/where/why/fix; a {@link KwamException}
 * carries it across API boundaries.
 */
public record KwamError(String code, String what, Optional<String> where, String why, String fix) {

    public KwamError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(where, "where (Optional.empty() when the error has no place)");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
    }

    /** An error at {@code where} — a path, an address, a request; {@code null} when it has no place. */
    public static KwamError of(String code, String what, Object where, String why, String fix) {
        return new KwamError(code, what, Optional.ofNullable(where).map(String::valueOf), why, fix);
    }
}
