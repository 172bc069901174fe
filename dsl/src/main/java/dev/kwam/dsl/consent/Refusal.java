package dev.kwam.dsl.consent;

import java.util.Objects;

/** One reason a token is refused: its stable code and the specifics (which key, which time, which scope). */
public record Refusal(RefusalCode code, String message) {

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public String hint() {
        return code.hint();
    }

    @Override
    public String toString() {
        return code.code() + " " + message;
    }
}
