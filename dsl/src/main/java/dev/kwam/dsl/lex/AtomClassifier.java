package dev.kwam.dsl.lex;

import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.diag.Suggestions;
import dev.kwam.dsl.identity.SpiffeIdPattern;
import dev.kwam.dsl.identity.SpiffeIdResult;
import dev.kwam.dsl.syntax.DurationUnit;
import dev.kwam.dsl.syntax.Literal;
import dev.kwam.dsl.syntax.SizeUnit;
import java.math.BigDecimal;
import java.util.List;

/**
 * Decides what one atom is: a name, a dotted path, a number with or without a unit, a CIDR, a host,
 * or (through {@link #reference}) a {@code spiffe://}, {@code secret://} or {@code grant://}
 * reference. Each form has one shape, so the first character and the presence of {@code / : .}
 * decide without backtracking.
 */
final class AtomClassifier {
    /** Every unit suffix, in the order docs/language.md lists them. */
    static final List<String> UNITS = List.of("ms", "s", "m", "h", "d", "b", "kb", "mb", "gb", "tb", "percent", "%",
            "nines", "x");

    private final String text;
    private final Diagnostics diagnostics;

    AtomClassifier(String text, Diagnostics diagnostics) {
        this.text = text;
        this.diagnostics = diagnostics;
    }

    static boolean isAtomChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == ':'
                || c == '/' || c == '*' || c == '%' || c == '-';
    }

    Token classify(int start, int end) {
        String t = text.substring(start, end);
        char first = t.charAt(0);
        if (first >= '0' && first <= '9') {
            return number(start, end, t);
        }
        if (first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_') {
            return word(start, end, t);
        }
        if (first == ':') {
            return t.indexOf('/') >= 0 ? cidr(start, end, t) : host(start, end, t);
        }
        if (first == '*') {
            return error(ParseCode.WILDCARD_NOT_ALLOWED, start, start + 1, end,
                    "'*' is only allowed as a whole path segment of a spiffe:// pattern in a grant",
                    "name the value exactly");
        }
        if (first == '-') {
            return error(ParseCode.UNEXPECTED_CHARACTER, start, start + 1, end, "unexpected '-'",
                    "there are no negative numbers or minus in kwam.dev/v0.2");
        }
        if (first == '.') {
            return error(ParseCode.UNEXPECTED_CHARACTER, start, start + 1, end, "unexpected '.'",
                    "a number starts with a digit (0.5), a dotted name with a name (fd.h100)");
        }
        return error(ParseCode.UNEXPECTED_CHARACTER, start, start + 1, end, "unexpected '" + first + "'",
                "quote paths and other text: \"std/faultdomains\"");
    }

    Token reference(int start, int end) {
        String t = text.substring(start, end);
        int sep = t.indexOf("://");
        String scheme = t.substring(0, sep);
        String rest = t.substring(sep + 3);
        switch (scheme) {
            case "spiffe": {
                // Parsed as a pattern so that a '*' segment reaches the parser, which allows it in grant keys only.
                SpiffeIdResult<SpiffeIdPattern> parsed = SpiffeIdPattern.tryParse(t);
                if (parsed instanceof SpiffeIdResult.Invalid<SpiffeIdPattern> bad) {
                    return reject(start, end, Rejection.of(bad.error()));
                }
                SpiffeIdPattern p = parsed.orThrow();
                return literal(start, end, new Literal.IdentityLit(new Span(start, end), p.trustDomain(), p.segments(), !p.isExact()));
            }
            case "secret": {
                Rejection r = secretPath(rest, sep + 3);
                if (r != null) {
                    return reject(start, end, r);
                }
                return literal(start, end, new Literal.SecretRef(new Span(start, end), rest));
            }
            case "grant": {
                if (rest.isEmpty()) {
                    return error(ParseCode.BAD_GRANT_REF, start, end, end, "a grant:// reference is empty",
                            "paste the token 'kwam consent mint' printed: grant://…");
                }
                for (int i = 0; i < rest.length(); i++) {
                    char c = rest.charAt(i);
                    if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                            || c == '.' || c == '~' || c == '=' || c == '+' || c == '/')) {
                        int at = start + sep + 3 + i;
                        return error(ParseCode.BAD_GRANT_REF, at, at + 1, end,
                                "'" + c + "' cannot appear in a grant:// token",
                                "paste the token exactly as 'kwam consent mint' printed it; a comment needs a space before '#'");
                    }
                }
                return literal(start, end, new Literal.GrantRef(new Span(start, end), rest));
            }
            default: {
                String hint = Suggestions.closest(scheme, List.of("spiffe", "secret", "grant"))
                        .map(s -> "did you mean '" + s + "://'?")
                        .orElse("quote URLs that are plain text: \"" + t + "\"");
                return error(ParseCode.UNKNOWN_SCHEME, start, start + sep + 3, end,
                        "'" + scheme + "://' is not a reference scheme of the language", List.of("spiffe://", "secret://", "grant://"),
                        hint);
            }
        }
    }

    private static Rejection secretPath(String path, int base) {
        if (path.isEmpty()) {
            return Rejection.of(ParseCode.BAD_SECRET_REF, 0, base, "a secret:// reference names no secret",
                    "write secret://<store>/<path>, e.g. secret://vault/kwam/mtls-ca");
        }
        int segStart = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                String seg = path.substring(segStart, i);
                if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                    return Rejection.of(ParseCode.BAD_SECRET_REF, base + segStart, base + Math.max(i, segStart + 1),
                            seg.isEmpty() ? "a secret:// path has an empty segment" : "a secret:// path segment must not be '" + seg + "'",
                            "write secret://<store>/<path> with named segments");
                }
                segStart = i + 1;
                continue;
            }
            char c = path.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) {
                return Rejection.of(ParseCode.BAD_SECRET_REF, base + i, base + i + 1,
                        "'" + c + "' cannot appear in a secret:// reference",
                        "segments hold letters, digits, '.', '_' and '-'; a comment needs a space before '#'");
            }
        }
        return null;
    }

    private Token word(int start, int end, String t) {
        if (t.indexOf(':') >= 0) {
            if (t.startsWith("sha256:")) {
                return error(ParseCode.UNQUOTED_CONTENT_ADDRESS, start, end, end,
                        "a content address must be quoted", "write \"" + t + "\": a cid is a string, never a name or a duration");
            }
            return t.indexOf('/') >= 0 ? cidr(start, end, t) : host(start, end, t);
        }
        int slash = t.indexOf('/');
        if (slash >= 0) {
            return error(ParseCode.UNEXPECTED_CHARACTER, start + slash, start + slash + 1, end, "unexpected '/' in '" + t + "'",
                    "quote paths and other text: \"" + t + "\"");
        }
        int star = t.indexOf('*');
        if (star >= 0) {
            return error(ParseCode.WILDCARD_NOT_ALLOWED, start + star, start + star + 1, end,
                    "'*' is only allowed as a whole path segment of a spiffe:// pattern in a grant", "name the value exactly");
        }
        int percent = t.indexOf('%');
        if (percent >= 0) {
            return error(ParseCode.UNEXPECTED_CHARACTER, start + percent, start + percent + 1, end,
                    "unexpected '%' in '" + t + "'", "a percentage is a number followed by '%' (0.1%)");
        }
        boolean hyphen = t.indexOf('-') >= 0;
        boolean dotted = t.indexOf('.') >= 0;
        if (!hyphen) {
            int segStart = 0;
            boolean allNames = true;
            for (int i = 0; i <= t.length(); i++) {
                if (i == t.length() || t.charAt(i) == '.') {
                    if (i == segStart) {
                        return error(ParseCode.ILLEGAL_IDENTIFIER, start + Math.max(0, i - 1), start + i + (i < t.length() ? 1 : 0), end,
                                "'" + t + "' has an empty segment", "a dotted name is name.name (fd.h100)");
                    }
                    char c = t.charAt(segStart);
                    if (c >= '0' && c <= '9') {
                        allNames = false;
                    }
                    segStart = i + 1;
                }
            }
            if (allNames) {
                if (!dotted && (t.equals("true") || t.equals("false"))) {
                    return literal(start, end, new Literal.BoolLit(new Span(start, end), t.equals("true")));
                }
                return new Token(dotted ? TokenKind.PATH : TokenKind.IDENT, start, end, null);
            }
        }
        if (dotted) {
            return host(start, end, t);
        }
        return error(ParseCode.ILLEGAL_IDENTIFIER, start, end, end, "'" + t + "' is not an identifier: identifiers cannot contain '-'",
                "write '" + t.replace('-', '_') + "', or quote it as a string (\"" + t + "\"); a host name needs a domain or a port ("
                        + t + ".internal, " + t + ":7400)");
    }

    private Token number(int start, int end, String t) {
        if (t.indexOf('/') >= 0) {
            return cidr(start, end, t);
        }
        if (t.indexOf(':') >= 0) {
            return host(start, end, t);
        }
        int n = t.length();
        int dots = 0;
        for (int i = 0; i < n; i++) {
            if (t.charAt(i) == '.') {
                dots++;
            }
        }
        if (dots == 3 && Hosts.isDottedDigits(t)) {
            return host(start, end, t);
        }
        int i = 0;
        while (i < n && (isDigit(t.charAt(i)) || t.charAt(i) == '_')) {
            i++;
        }
        boolean fraction = false;
        if (i + 1 < n && t.charAt(i) == '.' && isDigit(t.charAt(i + 1))) {
            fraction = true;
            i++;
            while (i < n && (isDigit(t.charAt(i)) || t.charAt(i) == '_')) {
                i++;
            }
        }
        int numberEnd = i;
        while (i < n && (t.charAt(i) >= 'a' && t.charAt(i) <= 'z' || t.charAt(i) >= 'A' && t.charAt(i) <= 'Z' || t.charAt(i) == '%')) {
            i++;
        }
        int unitEnd = i;
        if (unitEnd < n) {
            if (dots > 0 && hasLetter(t)) {
                return host(start, end, t);
            }
            return error(ParseCode.BAD_NUMBER, start, end, end, "'" + t + "' is not a number",
                    "numbers look like 3, 1_000_000, 0.5, 30m, 4kb, 0.1%, 6nines or 8x; quote other text");
        }
        for (int k = 0; k < numberEnd; k++) {
            if (t.charAt(k) == '_' && (k + 1 >= numberEnd || !isDigit(t.charAt(k + 1)) || !isDigit(t.charAt(k - 1)))) {
                return error(ParseCode.BAD_NUMBER, start + k, start + k + 1, end, "misplaced '_' in '" + t + "'",
                        "'_' separates digits: 1_000_000");
            }
        }
        String digits = t.substring(0, numberEnd).replace("_", "");
        String unit = t.substring(numberEnd, unitEnd);
        Span span = new Span(start, end);
        if (unit.equals("%") || unit.equals("percent")) {
            return literal(start, end, new Literal.PercentLit(span, new BigDecimal(digits)));
        }
        if (unit.isEmpty() && fraction) {
            return literal(start, end, new Literal.FloatLit(span, new BigDecimal(digits)));
        }
        boolean known = unit.isEmpty() || unit.equals("nines") || unit.equals("x") || DurationUnit.fromSuffix(unit).isPresent()
                || SizeUnit.fromSuffix(unit).isPresent();
        if (!known) {
            return error(ParseCode.UNKNOWN_UNIT, start + numberEnd, end, end, "unknown unit '" + unit + "' in '" + t + "'", UNITS,
                    Suggestions.didYouMean(unit, UNITS).orElse("durations are ms s m h d, sizes b kb mb gb tb"));
        }
        if (fraction) {
            return error(ParseCode.BAD_NUMBER, start, end, end, "'" + t + "' must be a whole number of '" + unit + "'",
                    "use a smaller unit: 90m rather than 1.5h, 1536kb rather than 1.5mb");
        }
        long value = parseLong(digits);
        if (value < 0) {
            return error(ParseCode.BAD_NUMBER, start, start + numberEnd, end, "'" + t + "' is too large",
                    "the largest whole number is " + Long.MAX_VALUE);
        }
        if (unit.isEmpty()) {
            return literal(start, end, new Literal.IntLit(span, value));
        }
        if (unit.equals("x")) {
            return literal(start, end, new Literal.CountLit(span, value));
        }
        if (unit.equals("nines")) {
            if (value > Integer.MAX_VALUE) {
                return error(ParseCode.BAD_NUMBER, start, end, end, "'" + t + "' is too large", "durability targets are a few nines (6nines)");
            }
            return literal(start, end, new Literal.NinesLit(span, (int) value));
        }
        if (DurationUnit.fromSuffix(unit).isPresent()) {
            DurationUnit du = DurationUnit.fromSuffix(unit).get();
            if (value > Long.MAX_VALUE / du.millis()) {
                return error(ParseCode.BAD_NUMBER, start, end, end, "'" + t + "' is too long a duration", "durations must fit in 2^63 ms");
            }
            return literal(start, end, new Literal.DurationLit(span, value, du));
        }
        SizeUnit su = SizeUnit.fromSuffix(unit).get();
        if (value > Long.MAX_VALUE >> su.shift()) {
            return error(ParseCode.BAD_NUMBER, start, end, end, "'" + t + "' is too large a size", "sizes must fit in 2^63 bytes");
        }
        return literal(start, end, new Literal.SizeLit(span, value, su));
    }

    /** The value, or -1 when it does not fit in a long. */
    private static long parseLong(String digits) {
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private Token cidr(int start, int end, String t) {
        Checked<Cidrs.Parts> checked = Cidrs.parse(t);
        if (checked instanceof Checked.Invalid<Cidrs.Parts> bad) {
            return reject(start, end, bad.rejection());
        }
        Cidrs.Parts p = ((Checked.Valid<Cidrs.Parts>) checked).value();
        return literal(start, end, new Literal.CidrLit(new Span(start, end), p.version(), p.address(), p.prefix()));
    }

    private Token host(int start, int end, String t) {
        Checked<Hosts.Parts> checked = Hosts.parse(t);
        if (checked instanceof Checked.Invalid<Hosts.Parts> bad) {
            return reject(start, end, bad.rejection());
        }
        Hosts.Parts p = ((Checked.Valid<Hosts.Parts>) checked).value();
        return literal(start, end, new Literal.HostLit(new Span(start, end), p.host(), p.port()));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hasLetter(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }

    private static Token literal(int start, int end, Literal literal) {
        return new Token(TokenKind.LITERAL, start, end, literal);
    }

    private Token reject(int start, int end, Rejection r) {
        int from = Math.min(start + r.from(), end);
        int to = Math.min(Math.max(start + r.to(), from + 1), end);
        return error(r.code(), from, Math.max(to, from), end, r.message(), List.of(), r.hint().orElse(null));
    }

    private Token error(ParseCode code, int from, int to, int atomEnd, String message, String hint) {
        return error(code, from, to, atomEnd, message, List.of(), hint);
    }

    private Token error(ParseCode code, int from, int to, int atomEnd, String message, List<String> expected, String hint) {
        diagnostics.error(code, new Span(from, to), message, expected, hint);
        int start = Math.min(from, atomEnd);
        return new Token(TokenKind.ERROR, start, atomEnd, null);
    }
}
