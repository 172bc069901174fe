package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The literal forms of the reference's table, decoded and validated by the lexer. Units are
 * first-class: a {@link DurationLit} is never a {@link SizeLit}, and a quoted
 * {@code "sha256:…"} is always a {@link StringLit}.
 */
public sealed interface Literal extends Expr
        permits Literal.StringLit, Literal.IntLit, Literal.FloatLit, Literal.BoolLit, Literal.DurationLit,
        Literal.SizeLit, Literal.PercentLit, Literal.NinesLit, Literal.CountLit, Literal.CidrLit, Literal.HostLit,
        Literal.IdentityLit, Literal.SecretRef, Literal.GrantRef {

    /** A double-quoted string with its escapes decoded. Also content addresses ({@code "sha256:…"}). */
    record StringLit(Span span, String value) implements Literal {
    }

    /** {@code 3}, {@code 1_000_000}. */
    record IntLit(Span span, long value) implements Literal {
    }

    /** {@code 0.5}; exact, so {@code 99.9999} stays what was written. */
    record FloatLit(Span span, BigDecimal value) implements Literal {
    }

    record BoolLit(Span span, boolean value) implements Literal {
    }

    /** {@code 250ms 5s 30m 4h 30d}: a whole number of one unit. */
    record DurationLit(Span span, long amount, DurationUnit unit) implements Literal {
        public Duration duration() {
            return Duration.ofMillis(amount * unit.millis());
        }
    }

    /** {@code 4kb 64mb 2gb}: binary units, as the CLI's sizes. */
    record SizeLit(Span span, long amount, SizeUnit unit) implements Literal {
        public long bytes() {
            return amount << unit.shift();
        }
    }

    /** {@code 99.9999percent} or {@code 0.1%}: the number of hundredths, exact. */
    record PercentLit(Span span, BigDecimal value) implements Literal {
    }

    /** {@code 6nines}: a design target of 0.999999 annual durability. */
    record NinesLit(Span span, int nines) implements Literal {
    }

    /** {@code 8x}: a multiplicity. A bare {@code 3} where a count is expected is an {@link IntLit}. */
    record CountLit(Span span, long count) implements Literal {
    }

    /** {@code 10.40.0.0/16} or {@code fd00::/8}; host bits are always zero. {@code address} is canonical text. */
    record CidrLit(Span span, int version, String address, int prefix) implements Literal {
        public String text() {
            return address + "/" + prefix;
        }
    }

    /** {@code kwam-seed.internal}, {@code 10.0.0.7}, {@code seed.internal:7400}. */
    record HostLit(Span span, String host, OptionalInt port) implements Literal {
        public String text() {
            return port.isPresent() ? host + ":" + port.getAsInt() : host;
        }
    }

    /**
     * A SPIFFE ID {@code spiffe://trust-domain/seg/…}, validated to the SPIFFE rules. {@code pattern}
     * is true when some segment is {@code *}; the parser allows that only where a key's schema says so.
     */
    record IdentityLit(Span span, String trustDomain, List<String> segments, boolean pattern) implements Literal {
        public IdentityLit {
            segments = List.copyOf(segments);
        }

        public String text() {
            return "spiffe://" + trustDomain + (segments.isEmpty() ? "" : "/" + String.join("/", segments));
        }
    }

    /** {@code secret://vault/kwam/mtls-ca}: a reference resolved at run time; the secret itself never appears anywhere. */
    record SecretRef(Span span, String path) implements Literal {
        public String text() {
            return "secret://" + path;
        }
    }

    /** {@code grant://<token>}: opaque here; decoding and verification belong to the consent code. */
    record GrantRef(Span span, String token) implements Literal {
        /** Tokens are bearer credentials until spent: keep them out of logs that print records. */
        @Override
        public String toString() {
            return "GrantRef[span=" + span + ", token=" + (token.length() <= 12 ? token : token.substring(0, 12) + "…") + "]";
        }
    }
}
