package dev.kwam.dsl.diag;

/**
 * Every parse-time error, numbered for good. docs/language.md lists each with a minimal failing
 * example, and the conformance corpus pins each one's position.
 */
public enum ParseCode implements DiagnosticCode {
    FILE_TOO_LARGE(1, "the file is larger than the 4 MiB a policy may be"),
    NOT_UTF8(2, "the file is not valid UTF-8"),
    UNEXPECTED_CHARACTER(3, "a character that cannot start or continue any token here"),
    UNTERMINATED_STRING(4, "a string literal is not closed on its line"),
    BAD_STRING_CONTENT(5, "an unknown escape, a raw control character or an unsupported ${ inside a string"),
    BAD_NUMBER(6, "a malformed number: misplaced '_', too large, or a fraction where a whole number is needed"),
    UNKNOWN_UNIT(7, "a number followed by a unit suffix the language does not have"),
    ILLEGAL_IDENTIFIER(8, "an identifier containing '-' (identifiers are [A-Za-z_][A-Za-z0-9_]*)"),
    BAD_CIDR(9, "a malformed IPv4/IPv6 CIDR, or one with host bits set"),
    BAD_HOST(10, "a malformed host name, IPv4 address or port"),
    BAD_SPIFFE_ID(11, "a spiffe:// identity that breaks the SPIFFE ID rules"),
    WILDCARD_NOT_ALLOWED(12, "a '*' where no pattern is allowed, or not as a whole path segment"),
    BAD_SECRET_REF(13, "a malformed secret:// reference"),
    BAD_GRANT_REF(14, "a malformed grant:// reference"),
    UNKNOWN_SCHEME(15, "a URL scheme the language does not know (only spiffe://, secret://, grant://)"),
    UNQUOTED_CONTENT_ADDRESS(16, "a sha256: content address written without quotes"),
    MISSING_API_VERSION(17, "the file does not start with the apiVersion header"),
    UNSUPPORTED_API_VERSION(18, "the apiVersion header names a version this parser does not speak"),
    UNKNOWN_BLOCK(19, "a top-level keyword that is not one of the nine blocks or a declaration"),
    UNKNOWN_KEY(20, "a key the enclosing block's closed schema does not declare"),
    MISSING_REQUIRED_KEY(21, "a block lacks a key its schema requires"),
    DUPLICATE_KEY(22, "a key set twice in one block"),
    DUPLICATE_NAME(23, "two blocks, two lets or two import aliases with the same name"),
    WRONG_KIND(24, "a value of the wrong kind or unit for its key (a size where a duration belongs)"),
    UNKNOWN_MEMBER(25, "a value outside a closed enumeration (capabilities, sandbox tiers, transports …)"),
    AMBIGUOUS_BRACE(26, "a '{' whose meaning (block body or map literal) disagrees with what it holds"),
    SYNTAX(27, "a token where the grammar allows something else"),
    ONE_DIRECTIVE_PER_LINE(28, "more than one directive, or a directive and a brace, on one line"),
    UNCLOSED(29, "a '{', '[' or '${' that is never closed"),
    UNMATCHED_CLOSE(30, "a '}' or ']' with nothing open to close"),
    TOO_DEEP(31, "nesting deeper than 16 levels"),
    OUT_OF_ORDER(32, "a declaration after the block declarations, or a second apiVersion"),
    CONDITION_NOT_COMPARISON(33, "the condition of '? :' is not a comparison"),
    RESERVED_NAME(34, "a reserved word used as a block, let or alias name"),
    TOO_MANY_ERRORS(35, "more than 100 errors; the rest of the file was not checked");

    private final int number;
    private final String summary;

    ParseCode(int number, String summary) {
        this.number = number;
        this.summary = summary;
    }

    @Override
    public DiagnosticClass diagnosticClass() {
        return DiagnosticClass.PARSE;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String summary() {
        return summary;
    }
}
