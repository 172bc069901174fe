package dev.kwam.dsl.lex;

/** The outcome of validating one literal's text: its decoded parts, or the first rule it breaks. */
sealed interface Checked<T> permits Checked.Valid, Checked.Invalid {

    record Valid<T>(T value) implements Checked<T> {
    }

    record Invalid<T>(Rejection rejection) implements Checked<T> {
    }

    static <T> Checked<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Checked<T> invalid(Rejection rejection) {
        return new Invalid<>(rejection);
    }
}
